/**
 * The Kubernetes clients of the class commands (@kubernetes/client-node), with every HTTP request
 * counted (the bench reports requests per learner), and the few error facts the commands branch on.
 */
import http from 'node:http';
import https from 'node:https';
import {
  ApiException, ApisApi, AuthorizationV1Api, CoreV1Api, KubeConfig, NetworkingV1Api,
  RbacAuthorizationV1Api, ServerConfiguration, VersionApi, createConfiguration,
  type Configuration, type RequestContext, type ResponseContext,
} from '@kubernetes/client-node';

/** The field manager named in server-side apply: what `kubectl get --show-managed-fields` shows. */
export const FIELD_MANAGER = 'k8s-labs-class';

/** One set of API clients for one kubeconfig, sharing a request counter. */
export class Kube {
  /** HTTP requests sent so far (every API call, including discovery). */
  requests = 0;
  readonly core: CoreV1Api;
  readonly rbac: RbacAuthorizationV1Api;
  readonly networking: NetworkingV1Api;
  readonly authorization: AuthorizationV1Api;
  readonly version: VersionApi;
  readonly apis: ApisApi;
  private readonly config: Configuration;

  constructor(readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const counter = {
      pre: (context: RequestContext) => {
        this.requests += 1;
        return Promise.resolve(context);
      },
      post: (context: ResponseContext) => Promise.resolve(context),
    };
    const config = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: {default: kc},
      promiseMiddleware: [counter],
    });
    this.config = config;
    this.core = new CoreV1Api(config);
    this.rbac = new RbacAuthorizationV1Api(config);
    this.networking = new NetworkingV1Api(config);
    this.authorization = new AuthorizationV1Api(config);
    this.version = new VersionApi(config);
    this.apis = new ApisApi(config);
  }

  /** Another API client sharing this one's server, credentials and request counter. */
  client<T>(Api: new (config: Configuration) => T): T {
    return new Api(this.config);
  }

  /**
   * One raw API request with the kubeconfig's TLS and credentials, JSON in and out.
   * @throws An error carrying the HTTP status as `statusCode` (and the server's message) for a non-2xx answer.
   */
  async request(method: 'GET' | 'PATCH', apiPath: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const url = new URL(apiPath, this.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const options: https.RequestOptions = {
      method,
      headers: {Accept: 'application/json', ...(payload ? {'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload)} : {})},
    };
    await this.kc.applyToHTTPSOptions(options);
    this.requests += 1;
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: keep the text for the error.
          }
          if ((res.statusCode ?? 500) >= 300) {
            const message = (parsed as {message?: unknown})?.message;
            reject(Object.assign(new Error(typeof message === 'string' ? message : `${method} ${apiPath}: HTTP ${res.statusCode}`), {statusCode: res.statusCode}));
            return;
          }
          resolve(parsed);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** GET one path of the API (discovery documents). */
  getJson(apiPath: string): Promise<unknown> {
    return this.request('GET', apiPath);
  }

  /** Clients for a kubeconfig file (the trainer's admin kubeconfig). */
  static fromFile(file: string): Kube {
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    return new Kube(kc);
  }

  /** The API server URL of the current context. */
  get server(): string {
    return this.kc.getCurrentCluster()!.server;
  }

  /**
   * Creates or updates one object with server-side apply (one request, the same whether the
   * object exists or not), forcing ownership of the fields the class sets. The object is sent as
   * it is: client-node's typed serializer would drop fields whose JSON name differs from its own
   * (a LimitRange's `default` is `_default` there).
   */
  async apply(object: {apiVersion: string; kind: string; metadata: {name: string; namespace?: string}}): Promise<unknown> {
    return this.request('PATCH', `${objectPath(object)}?fieldManager=${FIELD_MANAGER}&force=true`, object, 'application/apply-patch+yaml');
  }
}

/** The REST path of each kind a class makes: group path and plural; namespaced unless said. */
const KIND_PATHS: Record<string, {prefix: string; plural: string; cluster?: true}> = {
  Namespace: {prefix: '/api/v1', plural: 'namespaces', cluster: true},
  ServiceAccount: {prefix: '/api/v1', plural: 'serviceaccounts'},
  ConfigMap: {prefix: '/api/v1', plural: 'configmaps'},
  Pod: {prefix: '/api/v1', plural: 'pods'},
  ResourceQuota: {prefix: '/api/v1', plural: 'resourcequotas'},
  LimitRange: {prefix: '/api/v1', plural: 'limitranges'},
  Role: {prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'roles'},
  RoleBinding: {prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'rolebindings'},
  ClusterRole: {prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterroles', cluster: true},
  NetworkPolicy: {prefix: '/apis/networking.k8s.io/v1', plural: 'networkpolicies'},
};

/** The URL path of one object. @throws For a kind the class does not make. */
export function objectPath(object: {kind: string; metadata: {name: string; namespace?: string}}): string {
  const kind = KIND_PATHS[object.kind];
  if (!kind) throw new Error(`the class does not make ${object.kind} objects`);
  const ns = kind.cluster ? '' : `/namespaces/${encodeURIComponent(object.metadata.namespace ?? '')}`;
  return `${kind.prefix}${ns}/${kind.plural}/${encodeURIComponent(object.metadata.name)}`;
}

/** The HTTP status of an API error, or undefined for anything else (network, TLS). */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const code = (error as {code?: unknown; statusCode?: unknown} | null)?.statusCode ?? (error as {code?: unknown} | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The API server's own message for an error (the `message` of its Status), else the error's. */
export function apiMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    if (typeof body === 'string') {
      try {
        const parsed = JSON.parse(body) as {message?: unknown};
        if (typeof parsed.message === 'string') return parsed.message;
      } catch {
        return body.slice(0, 300);
      }
    }
    const message = (body as {message?: unknown} | null)?.message;
    if (typeof message === 'string') return message;
  }
  return (error as Error)?.message ?? String(error);
}

/**
 * Runs `work` over `items` with at most `limit` in flight; resolves with the results in order.
 * The API server applies per-user rate limits and priority levels: a class of 100 learners must
 * not arrive as 2000 requests at once.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
