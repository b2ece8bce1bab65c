/** Korean input: stems, the mapping to Kubernetes terms, the top-bar query and where it is rewritten. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readKorean, stemKorean} from '../../src/finder/text/korean';
import {readQuery} from '../../src/finder/text/query';
import {searchQueryFor} from '../../src/finder/text/search-query';
import {isStopWord} from '../../src/finder/text/stopwords';
import path from 'node:path';
import {redirectWorkerClient, REPLACEMENT} from '../../src/plugins/search-query';

test('particles and endings are stripped; a Latin word keeps its Latin part', () => {
  const stems: [string, string][] = [
    ['파드가', '파드'], ['재시작돼요', '재시작'], ['서비스에', '서비스'], ['디플로이먼트를', '디플로이먼트'], ['노드에서는', '노드'],
    ['인증서가', '인증서'], ['네임스페이스가', '네임스페이스'], ['연결이', '연결'], ['Pod가', 'pod'], ['OOMKilled로', 'oomkilled'], ['Pending에서', 'pending'],
  ];
  for (const [word, stem] of stems) assert.equal(stemKorean(word), stem, word);
});

test('Korean and Konglish names map to the terms the pages use', () => {
  const reading = readKorean('팟이 죽고 디엔에스도 안 되고 권한도 없대요', isStopWord);
  for (const term of ['pod', 'dns', 'rbac', 'forbidden']) assert.ok(reading.terms.includes(term), term);
  assert.ok(reading.symptoms.includes('DNSFailure') && reading.symptoms.includes('Forbidden'));
  assert.deepEqual(readKorean('메모리 부족', isStopWord).symptoms, ['OOMKilled']);
});

test('fillers never become terms', () => {
  const {terms} = readQuery('파드가 계속 자꾸 재시작돼요 왜 그런지 좀 알려주세요', 24);
  for (const filler of ['계속', '자꾸', '왜', '좀', '알려주세요']) assert.ok(!terms.includes(filler), filler);
  assert.deepEqual(readQuery('my coffee machine is broken', 24).terms, ['coffee', 'machine']);
});

test('spacing variants read the same', () => {
  for (const typed of ['파드가 재시작돼요', '파드가재시작돼요', '파드 재시작', '파드재시작 반복됨']) {
    assert.ok(readQuery(typed, 24).symptoms.includes('CrashLoopBackOff'), typed);
  }
});

test('the top bar gets the terms, English is left as typed', () => {
  assert.equal(searchQueryFor('파드가 계속 재시작돼요'), 'CrashLoopBackOff');
  assert.equal(searchQueryFor('이미지를 못 받아와요'), 'ImagePullBackOff');
  assert.equal(searchQueryFor('Pod가 Pending 상태에서 멈춤'), 'Pod Pending');
  assert.equal(searchQueryFor('dial tcp 10.96.0.1:443: i/o timeout'), 'dial tcp 10.96.0.1:443: i/o timeout');
});

test("only the search plugin's own import of its worker client is swapped for the rewriting one", () => {
  const pluginTheme = path.dirname(require.resolve('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js'));
  for (const importer of ['SearchBar', 'SearchPage']) {
    const resource = {context: path.join(pluginTheme, importer), request: '../searchByWorker'};
    redirectWorkerClient(resource);
    assert.equal(resource.request, REPLACEMENT, importer);
  }
  const elsewhere = {context: path.resolve('src/theme/SearchBar'), request: '../searchByWorker'};
  redirectWorkerClient(elsewhere);
  assert.equal(elsewhere.request, '../searchByWorker', 'a same-named module of the site is left alone');
  const other = {context: path.join(pluginTheme, 'SearchBar'), request: '../../utils/tokenize'};
  redirectWorkerClient(other);
  assert.equal(other.request, '../../utils/tokenize');
});
