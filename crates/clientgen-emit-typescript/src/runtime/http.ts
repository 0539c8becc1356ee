/** Where an API key is sent, from the document's `apiKey` security scheme. */
export interface ApiKeyLocation {
  in: "header" | "query" | "cookie";
  name: string;
}

/** Persists tokens between page loads (e.g. `window.localStorage`); optional. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options accepted by the `API` constructor. */
export interface ClientOptions {
  /** Access token sent as `Authorization: <tokenPrefix> <token>`. */
  token?: string;
  /** Refresh token, stored for callers that implement refreshing. */
  refreshToken?: string;
  /** Word before the token in the `Authorization` header ("Token" for DRF TokenAuthentication, "Bearer" for JWT). */
  tokenPrefix?: string;
  /** API key, sent where `apiKeyLocation` says. */
  apiKey?: string;
  /** Where the API key goes; defaults to the document's apiKey security scheme. */
  apiKeyLocation?: ApiKeyLocation;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The `fetch` to use (defaults to the global one). */
  fetch?: typeof fetch;
  /** `credentials` mode for every request (e.g. "include" for cookie sessions). */
  credentials?: RequestCredentials;
  /** Time limit per request, in milliseconds; a request over it fails with a `NetworkError` whose `timedOut` is true. */
  timeout?: number;
  /** Where `setToken` persists tokens; nothing is persisted without it. */
  storage?: TokenStorage;
  /** Key prefix used in `storage` (default "clientgen"). */
  storageKey?: string;
}

/** Per-call options accepted by every generated method. */
export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Time limit for this call, in milliseconds. */
  timeout?: number;
  /** Extra `fetch` options (e.g. Next.js `next: { revalidate: 60 }` or `cache`). */
  init?: RequestInit;
}

/** Serialization of a query parameter (OpenAPI `style`). */
export type QueryStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** Serialization of a path parameter (OpenAPI `style`). */
export type PathStyle = "simple" | "label" | "matrix";

/** How a request body is encoded. */
export type BodyType = "json" | "multipart" | "form" | "binary" | "text";

/** How a response body is read. */
export type ResponseType = "json" | "blob" | "text" | "void";

/** A request as the generated methods describe it. */
export interface RequestSpec {
  method: string;
  /** Path with parameters already substituted and encoded. */
  path: string;
  /** A link the server returned (a pagination `next`), requested instead of `path`; see `HttpClient.linkUrl`. */
  url?: string;
  /** Query parameters by wire name; `undefined` values are left out. */
  query?: Record<string, unknown>;
  /** Non-default styles of query parameters: `[style, explode]`. Default: form, explode. */
  queryStyles?: Record<string, [QueryStyle, boolean]>;
  /** Header parameters by wire name; `undefined` values are left out. */
  headers?: Record<string, unknown>;
  /** Cookie parameters by name. */
  cookies?: Record<string, unknown>;
  body?: unknown;
  bodyType?: BodyType;
  /** Media type sent as `Content-Type` for json, binary and text bodies. */
  contentType?: string;
  /** Media type asked for with `Accept` (JSON responses). */
  accept?: string;
  responseType: ResponseType;
}

/** The server answered with a status outside 2XX. */
export class APIError extends Error {
  override readonly name = "APIError";
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** The response body: parsed JSON when it was JSON, else the text (or undefined when empty). */
  readonly data: unknown;
  /** Response headers. */
  readonly headers: Headers;
  /** Request URL. */
  readonly url: string;
  /** Request method. */
  readonly method: string;

  constructor(status: number, statusText: string, data: unknown, headers: Headers, url: string, method: string) {
    super(`${method} ${url} failed with ${status}${statusText ? ` ${statusText}` : ""}${describe(data)}`);
    this.status = status;
    this.statusText = statusText;
    this.data = data;
    this.headers = headers;
    this.url = url;
    this.method = method;
  }

  /**
   * Django REST Framework validation errors of a 400 response, by field.
   * Nested errors use dotted paths (`items.0.name`); errors not tied to a field are under `non_field_errors`.
   * Empty for other statuses.
   */
  get fieldErrors(): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    if (this.status === 400 && this.data !== null && typeof this.data === "object") {
      flattenErrors(this.data, "", errors);
    }
    return errors;
  }

  /** The `detail` message DRF sends with most non-validation errors (401, 403, 404, …). */
  get detail(): string | undefined {
    if (this.data !== null && typeof this.data === "object" && !Array.isArray(this.data)) {
      const detail = (this.data as Record<string, unknown>)["detail"];
      return typeof detail === "string" ? detail : undefined;
    }
    return undefined;
  }
}

/** No response arrived: the network failed, the request timed out, or the URL was unreachable. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  /** Request URL. */
  readonly url: string;
  /** Request method. */
  readonly method: string;
  /** True when the request hit its time limit. */
  readonly timedOut: boolean;

  constructor(message: string, url: string, method: string, timedOut: boolean, cause: unknown) {
    super(message, { cause });
    this.url = url;
    this.method = method;
    this.timedOut = timedOut;
  }
}

function describe(data: unknown): string {
  if (data === undefined || data === null || data === "") {
    return "";
  }
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return `: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

function flattenErrors(data: unknown, prefix: string, out: Record<string, string[]>): void {
  if (Array.isArray(data)) {
    if (data.every((item) => typeof item === "string")) {
      const key = prefix || "non_field_errors";
      out[key] = [...(out[key] ?? []), ...(data as string[])];
    } else {
      data.forEach((item, index) => flattenErrors(item, prefix ? `${prefix}.${index}` : String(index), out));
    }
  } else if (data !== null && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      flattenErrors(value, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (typeof data === "string") {
    const key = prefix || "non_field_errors";
    out[key] = [...(out[key] ?? []), data];
  }
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === "object") {
    return JSON.stringify(value);
  }
  return String(value);
}

/** Encodes a path parameter (`simple` style by default). */
export function pathParam(value: unknown, style: PathStyle = "simple", explode = false, name = ""): string {
  const encode = (item: unknown) => encodeURIComponent(scalar(item));
  let text: string;
  if (Array.isArray(value)) {
    const separator = style === "simple" ? "," : style === "label" ? (explode ? "." : ",") : explode ? `;${name}=` : ",";
    text = value.map(encode).join(separator);
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>);
    text = explode
      ? entries.map(([key, item]) => `${encodeURIComponent(key)}=${encode(item)}`).join(style === "matrix" ? ";" : style === "label" ? "." : ",")
      : entries.flatMap(([key, item]) => [encodeURIComponent(key), encode(item)]).join(",");
  } else {
    text = encode(value);
  }
  if (style === "label") {
    return `.${text}`;
  }
  if (style === "matrix") {
    return `;${name}=${text}`;
  }
  return text;
}

/** Appends one query parameter to `search` the way OpenAPI `style`/`explode` describe. */
export function appendQuery(search: URLSearchParams, name: string, value: unknown, style: QueryStyle = "form", explode = true): void {
  if (value === undefined) {
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== undefined).map(scalar);
    if (style === "form" && explode) {
      for (const item of items) {
        search.append(name, item);
      }
    } else if (items.length > 0) {
      const separator = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
      search.append(name, items.join(separator));
    }
    return;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (style === "deepObject") {
      for (const [key, item] of entries) {
        search.append(`${name}[${key}]`, scalar(item));
      }
    } else if (explode) {
      for (const [key, item] of entries) {
        search.append(key, scalar(item));
      }
    } else {
      search.append(name, entries.flatMap(([key, item]) => [key, scalar(item)]).join(","));
    }
    return;
  }
  search.append(name, scalar(value));
}

function appendFormValue(form: FormData, name: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  if (value instanceof Blob) {
    const fileName = typeof File !== "undefined" && value instanceof File ? value.name : "blob";
    form.append(name, value, fileName);
  } else if (typeof value === "boolean") {
    form.append(name, value ? "true" : "false");
  } else {
    form.append(name, scalar(value));
  }
}

/** Builds multipart form data: arrays become repeated fields, files keep their names, objects are JSON. */
export function toFormData(body: unknown): FormData {
  const form = new FormData();
  if (body !== null && typeof body === "object") {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (Array.isArray(value)) {
        for (const item of value) {
          appendFormValue(form, name, item);
        }
      } else {
        appendFormValue(form, name, value);
      }
    }
  }
  return form;
}

/** Builds an `application/x-www-form-urlencoded` body. */
export function toUrlEncoded(body: unknown): URLSearchParams {
  const search = new URLSearchParams();
  if (body !== null && typeof body === "object") {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      appendQuery(search, name, value === null ? "" : value);
    }
  }
  return search;
}

/** The transport shared by all sub-clients of one `API` instance. */
export class HttpClient {
  readonly baseUrl: string;
  private token: string | undefined;
  private refreshToken: string | undefined;
  private apiKey: string | undefined;
  private tokenPrefix: string;
  private apiKeyLocation: ApiKeyLocation;
  private headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly credentials: RequestCredentials | undefined;
  private readonly timeout: number | undefined;
  private readonly storage: TokenStorage | undefined;
  private readonly storageKey: string;

  constructor(baseUrl: string, options: ClientOptions, defaults: { tokenPrefix: string; apiKeyLocation: ApiKeyLocation }) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.tokenPrefix = options.tokenPrefix ?? defaults.tokenPrefix;
    this.apiKeyLocation = options.apiKeyLocation ?? defaults.apiKeyLocation;
    this.headers = { ...(options.headers ?? {}) };
    this.fetchImpl = options.fetch;
    this.credentials = options.credentials;
    this.timeout = options.timeout;
    this.storage = options.storage;
    this.storageKey = options.storageKey ?? "clientgen";
    this.token = options.token ?? this.storage?.getItem(`${this.storageKey}.token`) ?? undefined;
    this.refreshToken = options.refreshToken ?? this.storage?.getItem(`${this.storageKey}.refreshToken`) ?? undefined;
    this.apiKey = options.apiKey;
  }

  setToken(access: string, refresh?: string): void {
    this.token = access;
    this.storage?.setItem(`${this.storageKey}.token`, access);
    if (refresh !== undefined) {
      this.refreshToken = refresh;
      this.storage?.setItem(`${this.storageKey}.refreshToken`, refresh);
    }
  }

  clearToken(): void {
    this.token = undefined;
    this.refreshToken = undefined;
    this.storage?.removeItem(`${this.storageKey}.token`);
    this.storage?.removeItem(`${this.storageKey}.refreshToken`);
  }

  getToken(): string | undefined {
    return this.token;
  }

  getRefreshToken(): string | undefined {
    return this.refreshToken;
  }

  setTokenPrefix(prefix: string): void {
    this.tokenPrefix = prefix;
  }

  setApiKey(key: string | undefined, location?: ApiKeyLocation): void {
    this.apiKey = key;
    if (location !== undefined) {
      this.apiKeyLocation = location;
    }
  }

  setHeaders(headers: Record<string, string>): void {
    this.headers = { ...this.headers, ...headers };
  }

  /**
   * The URL for a link the server returned: as is when it points at the base URL's origin, else
   * its path and query on that origin, so credentials are only ever sent to the configured server.
   */
  linkUrl(link: string): string {
    let target: URL;
    try {
      target = new URL(link);
    } catch {
      return `${this.baseUrl}${link}`;
    }
    if (this.baseUrl === "") {
      return `${target.pathname}${target.search}`;
    }
    const base = new URL(this.baseUrl);
    return target.origin === base.origin ? target.href : `${base.origin}${target.pathname}${target.search}`;
  }

  /** Sends a request and reads the response as the spec says; throws `APIError` for non-2XX statuses and `NetworkError` when no response arrives. */
  async request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      const style = spec.queryStyles?.[name];
      appendQuery(search, name, value, style?.[0], style?.[1]);
    }
    const headers = new Headers(this.headers);
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.map(scalar).join(",") : scalar(value));
      }
    }
    const cookies = Object.entries(spec.cookies ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(scalar(value))}`);
    if (this.token !== undefined) {
      headers.set("Authorization", this.tokenPrefix ? `${this.tokenPrefix} ${this.token}` : this.token);
    }
    if (this.apiKey !== undefined) {
      if (this.apiKeyLocation.in === "header") {
        headers.set(this.apiKeyLocation.name, this.apiKey);
      } else if (this.apiKeyLocation.in === "query") {
        search.set(this.apiKeyLocation.name, this.apiKey);
      } else {
        cookies.push(`${this.apiKeyLocation.name}=${encodeURIComponent(this.apiKey)}`);
      }
    }
    if (cookies.length > 0) {
      headers.set("Cookie", cookies.join("; "));
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers.set(name, value);
    }
    let body: BodyInit | undefined;
    if (spec.body !== undefined) {
      switch (spec.bodyType ?? "json") {
        case "json":
          body = JSON.stringify(spec.body);
          headers.set("Content-Type", spec.contentType ?? "application/json");
          break;
        case "multipart":
          // fetch sets the multipart boundary itself.
          body = toFormData(spec.body);
          break;
        case "form":
          body = toUrlEncoded(spec.body);
          break;
        case "binary":
          body = spec.body as Blob;
          headers.set("Content-Type", spec.contentType ?? "application/octet-stream");
          break;
        case "text":
          body = scalar(spec.body);
          headers.set("Content-Type", spec.contentType ?? "text/plain");
          break;
      }
    }
    if (spec.accept !== undefined && !headers.has("Accept")) {
      headers.set("Accept", spec.accept);
    }
    const query = search.toString();
    const url =
      spec.url !== undefined ? this.linkUrl(spec.url) : `${this.baseUrl}${spec.path}${query ? `?${query}` : ""}`;
    const timeout = options.timeout ?? this.timeout;
    const signals: AbortSignal[] = [];
    if (options.signal !== undefined) {
      signals.push(options.signal);
    }
    const timeoutSignal = timeout !== undefined ? AbortSignal.timeout(timeout) : undefined;
    if (timeoutSignal !== undefined) {
      signals.push(timeoutSignal);
    }
    const init: RequestInit = {
      ...options.init,
      method: spec.method,
      headers,
    };
    if (body !== undefined) {
      init.body = body;
    }
    if (this.credentials !== undefined) {
      init.credentials = this.credentials;
    }
    if (signals.length === 1) {
      init.signal = signals[0] ?? null;
    } else if (signals.length > 1) {
      init.signal = AbortSignal.any(signals);
    }
    const fetchImpl = this.fetchImpl ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      if (timeoutSignal?.aborted === true) {
        throw new NetworkError(`${spec.method} ${url} timed out after ${timeout} ms`, url, spec.method, true, error);
      }
      if (options.signal?.aborted === true) {
        throw error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new NetworkError(`${spec.method} ${url} failed: ${reason}`, url, spec.method, false, error);
    }
    if (!response.ok) {
      throw new APIError(response.status, response.statusText, await readErrorBody(response), response.headers, url, spec.method);
    }
    switch (spec.responseType) {
      case "void":
        await response.body?.cancel();
        return undefined as T;
      case "blob":
        return (await response.blob()) as T;
      case "text":
        return (await response.text()) as T;
      case "json": {
        const text = await response.text();
        if (text === "") {
          return undefined as T;
        }
        const data: unknown = JSON.parse(text);
        return data as T;
      }
    }
  }
}

async function readErrorBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (text === "") {
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    return data;
  } catch {
    return text;
  }
}
