/**
 * Words that never decide a match on their own: English function words and the filler of a
 * question ("my … is broken", "keeps", "please help"), and their Korean counterparts (계속, 자꾸,
 * 안 돼요). The full-text tier drops them from the query, so a page is never shown only because
 * it also contains "is" or "계속".
 */
export const ENGLISH_STOP_WORDS = new Set(
  `a an the and or but nor so yet of to in on at by for with from into onto out over under up down off about
  as than then that this these those there here it its it's is are was were be been being am do does did doing
  done have has had having i me my mine we us our ours you your yours he him his she her they them their
  what which who whom whose when where why how all any both each few more most other some such no not only own
  same too very can could should would will shall may might must just also again still ever even now get gets
  got getting keep keeps kept keeping please help anyone someone something anything thing things way issue
  issues problem problems question trouble broken break breaks working work works worked doesn't don't didn't
  isn't aren't wasn't won't can't cannot couldn't shouldn't wouldn't since while after before because if
  else really quite maybe like seems seem seemed suddenly always never sometimes today yesterday hi hello thanks
  thank pls plz ok okay via per etc using use used one two`.split(/\s+/),
);

/** Korean fillers, stemmed (see korean.ts): adverbs, question words and verbs that carry no symptom. */
export const KOREAN_STOP_WORDS = new Set(
  `계속 자꾸 자꾸만 계속해서 갑자기 또 다시 자주 그냥 좀 조금 너무 진짜 정말 완전 왜 어떻게 어떡해 어떡하죠 뭐 뭔가
  무슨 이거 그거 저거 이게 그게 저게 이것 그것 저 제 내 나 우리 저희 지금 현재 방금 오늘 어제 계속됨 반복 혹시 다들 여기
  거기 요 것 거 수 등 해결 방법 문제 현상 상황 발생 오류 에러 안 못 않 않아요 않음 않습니다 않고 않는 않아 없어요 없음
  없습니다 없고 없는 돼요 됨 됩니다 돼 되요 해요 함 합니다 했어요 있어요 있음 있습니다 있는데 같아요 같은데 같음 도와주세요
  알려주세요 부탁 부탁드립니다 질문 관련 경우 때 후 뒤 중 상태 하는데 되는데 그런데 근데 그리고 그래서 하고 되고 이상 이상함
  이상해요 안됨 안돼요 안되요 안돼 안되는데 계속되는 있는 하는 되는 나요 네요 요즘 한 번 다 모든`.split(/\s+/),
);

/** Lower-cased term is a stop word in either language. */
export function isStopWord(term: string): boolean {
  return ENGLISH_STOP_WORDS.has(term) || KOREAN_STOP_WORDS.has(term);
}
