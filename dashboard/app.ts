/**
 * The reference dashboard, served by the gateway at /dashboard: a topic picker, the topic's
 * matrix of latest components (rows) by remote CI (columns) with each cell the newest job's
 * status, and a job page (jobstates timeline, files, test results, components). Built with the
 * typed client (`dci-graphql/client`): every result type below comes from codegen.
 *
 * Slow parts come with `@defer` (each component's jobs, a job's jobstates and files) and are
 * drawn as they arrive; then the page stays live: the matrix follows `jobEvents` on the topic,
 * the job page the `job` subscription, both over SSE, without a reload.
 *
 * Routes (hash): `#/` (first topic), `#/topic/<id>`, `#/job/<id>`.
 */
import {
  type Credentials,
  DashboardTopicsDocument,
  type Document,
  type JobHeadFragment,
  type JobHistoryFragment,
  JobLiveDocument,
  JobPageDocument,
  type JobStatus,
  type Result,
  request,
  subscribe,
  TopicJobEventsDocument,
  TopicMatrixDocument,
  type TopicMatrixQuery,
} from 'dci-graphql/client';

const body = document.body;
const endpoint = body.dataset['endpoint'] || '/graphql';
const demo = body.dataset['mode'] === 'demo';
const main = document.getElementById('main')!;
const topicSelect = document.getElementById('topic') as HTMLSelectElement;
const form = document.getElementById('credentials') as HTMLFormElement;
const identity = document.getElementById('identity')!;
const liveBadge = document.getElementById('live')!;

// ---- credentials: the API's headers, kept in this tab's session storage ----

const STORAGE_KEY = 'dci-dashboard-credentials';
const FIELDS = ['authorization', 'clientId', 'apiSecret', 'teamId'] as const;

function loadCredentials(): Credentials | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Credentials | null;
    return saved && FIELDS.some((f) => saved[f]) ? saved : null;
  } catch {
    return null;
  }
}

let credentials = loadCredentials();

function showIdentity(): void {
  identity.textContent = credentials
    ? credentials.clientId || 'your credentials'
    : demo
      ? 'demo identity'
      : 'no credentials';
}

document.getElementById('credentials-toggle')!.addEventListener('click', () => {
  form.hidden = !form.hidden;
  for (const f of FIELDS) {
    (form.elements.namedItem(f) as HTMLInputElement).value = credentials?.[f] ?? '';
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const next: Credentials = {};
  for (const f of FIELDS) {
    const value = (form.elements.namedItem(f) as HTMLInputElement).value.trim();
    if (value) next[f] = value;
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  credentials = loadCredentials();
  form.hidden = true;
  void start();
});
document.getElementById('credentials-clear')!.addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE_KEY);
  credentials = null;
  form.hidden = true;
  void start();
});

/** A typed request with the stored credentials. */
function query<TData, TVariables>(
  doc: Document<TData, TVariables>,
  variables: TVariables,
): Promise<Result<TData>> {
  return request(doc, variables, { endpoint, credentials });
}

/** The current page's streams (deferred parts, subscriptions), closed when the route changes. */
let page = new AbortController();

/** A stream of results with the stored credentials, closed with the page. */
function stream<TData, TVariables>(
  doc: Document<TData, TVariables>,
  variables: TVariables,
  onOpen?: () => void,
) {
  return subscribe(doc, variables, {
    endpoint,
    credentials,
    signal: page.signal,
    ...(onOpen ? { onOpen } : {}),
  });
}

/** Follows a subscription for the page's lifetime, showing the live badge while it is open. */
async function live<TData, TVariables>(
  doc: Document<TData, TVariables>,
  variables: TVariables,
  onEvent: (data: TData) => void,
): Promise<void> {
  const signal = page.signal;
  try {
    for await (const event of stream(doc, variables, () => {
      if (!signal.aborted) liveBadge.hidden = false;
    })) {
      if (signal.aborted) return;
      if (event.data) onEvent(event.data);
    }
  } catch {
    // the page changed (aborted) or the stream broke: the badge says it is not live
  } finally {
    if (!signal.aborted) liveBadge.hidden = true;
  }
}

// ---- rendering helpers ----

type Child = Node | string | null | undefined | false;

/** A DOM element with attributes and children (text is always escaped). */
function h(tag: string, attrs: Record<string, string> = {}, ...children: (Child | Child[])[]) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

function status(value: JobStatus, href?: string): HTMLElement {
  const label = value.toLowerCase().replace('_', '-');
  return href
    ? h('a', { class: `status ${value}`, href, 'data-status': value }, label)
    : h('span', { class: `status ${value}`, 'data-status': value }, label);
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number | null | undefined): string {
  if (bytes == null) return '';
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

function errorBox(result: Result<unknown>): HTMLElement | null {
  if (!result.errors?.length) return null;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    result.errors.map((e) => h('div', {}, `${e.extensions?.code ?? 'ERROR'}: ${e.message}`)),
  );
}

function show(...nodes: Child[]): void {
  main.replaceChildren(...nodes.filter((n): n is Node | string => Boolean(n)));
}

// ---- the topic matrix ----

type MatrixTopic = NonNullable<TopicMatrixQuery['topic']>;
type MatrixComponent = NonNullable<NonNullable<MatrixTopic['components']>['nodes'][number]>;
type MatrixJob = NonNullable<NonNullable<NonNullable<MatrixComponent['jobs']>>['nodes'][number]>;

/** The rows of a page that are there: a row DCI answered malformed is null (and an error). */
function present<T>(nodes: readonly (T | null)[] | null | undefined): T[] {
  return (nodes ?? []).filter((n): n is T => n !== null);
}

/** Columns: every remote CI that ran a job of these components, by name. */
function remotecis(components: readonly MatrixComponent[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const c of components) {
    for (const job of present(c.jobs?.nodes))
      if (job.remoteci) byId.set(job.remoteci.id, job.remoteci.name);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The newest job of a component on a remote CI (jobs come newest first). */
function latest(component: MatrixComponent, remoteciId: string): MatrixJob | undefined {
  return present(component.jobs?.nodes).find((job) => job.remoteci?.id === remoteciId);
}

function matrix(topic: MatrixTopic): HTMLElement {
  const components = present(topic.components?.nodes);
  const columns = remotecis(components);
  if (components.length === 0) return h('p', { class: 'muted' }, 'This topic has no components.');
  const head = h(
    'tr',
    {},
    h('th', {}, 'Component'),
    columns.map((r) => h('th', { class: 'rci', scope: 'col', 'data-remoteci': r.id }, r.name)),
  );
  const rows = components.map((c) =>
    h(
      'tr',
      { 'data-component': c.id },
      h(
        'th',
        { scope: 'row' },
        h('div', { class: 'component-name' }, c.name),
        h('div', { class: 'component-meta' }, `${c.type} · ${when(c.releasedAt)}`),
      ),
      columns.map((r) => {
        const job = latest(c, r.id);
        return job
          ? h(
              'td',
              { class: 'cell', 'data-job': job.id, title: `${job.name} · ${when(job.createdAt)}` },
              status(job.status, `#/job/${job.id}`),
            )
          : h('td', { class: 'cell empty' }, '');
      }),
    ),
  );
  return h('table', { class: 'matrix' }, h('thead', {}, head), h('tbody', {}, rows));
}

const LEGEND: JobStatus[] = ['SUCCESS', 'FAILURE', 'ERROR', 'RUNNING', 'NEW', 'KILLED'];

function drawTopic(topic: MatrixTopic, result: Result<unknown>): void {
  show(
    h('h1', {}, topic.name),
    h(
      'p',
      { class: 'muted' },
      `${topic.product?.name ?? ''} · latest components by remote CI, newest job per cell`,
    ),
    h(
      'div',
      { class: 'legend' },
      LEGEND.map((s) => status(s)),
    ),
    errorBox(result),
    matrix(topic),
  );
}

/** Applies a job event to the matrix: the job's cells now show it (or no longer, if deleted). */
function applyEvent(
  topic: MatrixTopic,
  kind: string,
  job: MatrixJob & { components: { id: string }[] | null },
): void {
  const ids = new Set((job.components ?? []).map((c) => c.id));
  for (const component of present(topic.components?.nodes)) {
    if (!ids.has(component.id) || !component.jobs) continue;
    const others = present(component.jobs.nodes).filter((j) => j.id !== job.id);
    const { components: _links, ...cell } = job;
    const nodes = kind === 'DELETED' ? others : [...others, cell];
    nodes.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    component.jobs = { ...component.jobs, nodes };
  }
}

async function topicPage(topicId: string): Promise<void> {
  topicSelect.value = topicId;
  const signal = page.signal;
  let topic: MatrixTopic | null = null;
  let last: Result<TopicMatrixQuery> = {};
  // The rows first, each component's jobs as they arrive (@defer).
  for await (const result of stream(TopicMatrixDocument, { topicId })) {
    if (signal.aborted) return;
    last = result;
    topic = result.data?.topic ?? null;
    if (topic) drawTopic(topic, result);
  }
  if (!topic) {
    show(errorBox(last) ?? h('p', { class: 'muted' }, 'No such topic.'));
    return;
  }
  const current = topic;
  await live(TopicJobEventsDocument, { topicId }, (data) => {
    applyEvent(current, data.jobEvents.kind, data.jobEvents.job);
    drawTopic(current, last);
  });
}

// ---- the job page ----

/** The job page's data: the head at once, the history (jobstates, files) once it arrives. */
type Job = JobHeadFragment & Partial<JobHistoryFragment>;

function jobView(job: Job): HTMLElement[] {
  const results = present(job.results);
  return [
    h(
      'p',
      {},
      h('a', { href: `#/topic/${job.topic?.id ?? ''}` }, `← ${job.topic?.name ?? 'topic'}`),
    ),
    h('h1', {}, job.name || job.id, ' ', status(job.status)),
    h(
      'dl',
      { class: 'facts panel' },
      h('dt', {}, 'Remote CI'),
      h('dd', {}, job.remoteci?.name ?? ''),
      h('dt', {}, 'Team'),
      h('dd', {}, job.team?.name ?? ''),
      h('dt', {}, 'Created'),
      h('dd', {}, when(job.createdAt)),
      h('dt', {}, 'Duration'),
      h('dd', {}, `${job.duration} s`),
      job.statusReason ? h('dt', {}, 'Reason') : null,
      job.statusReason ? h('dd', {}, job.statusReason) : null,
      job.tags.length ? h('dt', {}, 'Tags') : null,
      job.tags.length ? h('dd', {}, job.tags.join(', ')) : null,
    ),
    h(
      'div',
      { class: 'grid' },
      h(
        'section',
        {},
        h('h2', {}, 'Jobstates'),
        h(
          'ol',
          { class: 'timeline panel', id: 'jobstates' },
          (job.jobstates ?? []).map((s) =>
            h(
              'li',
              {},
              status(s.status),
              h('span', { class: 'muted' }, when(s.createdAt)),
              h('span', {}, s.comment ?? ''),
            ),
          ),
        ),
        h('h2', {}, 'Components'),
        h(
          'table',
          { id: 'components' },
          h('tr', {}, h('th', {}, 'Type'), h('th', {}, 'Name'), h('th', {}, 'Version')),
          (job.components ?? []).map((c) =>
            h('tr', {}, h('td', {}, c.type), h('td', {}, c.name), h('td', {}, c.version)),
          ),
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Test results'),
        results.length
          ? h(
              'table',
              { id: 'results' },
              h(
                'tr',
                {},
                ['Report', 'Total', 'Passed', 'Failed', 'Errors', 'Skipped', 'Regressions'].map(
                  (t) => h('th', {}, t),
                ),
              ),
              results.map((r) =>
                h(
                  'tr',
                  {},
                  h('td', {}, r.name),
                  [r.total, r.success, r.failures, r.errors, r.skips, r.regressions].map((n) =>
                    h('td', { class: 'num' }, String(n)),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No test results.'),
        h('h2', {}, `Files (${job.files?.totalCount ?? 0})`),
        h(
          'table',
          { id: 'files' },
          h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', {}, 'Size')),
          present(job.files?.nodes).map((f) =>
            h(
              'tr',
              {},
              h('td', {}, f.name),
              h('td', {}, f.mime ?? ''),
              h('td', { class: 'num' }, size(f.size)),
            ),
          ),
        ),
      ),
    ),
  ];
}

function drawJob(job: Job, result: Result<unknown>): void {
  if (job.topic) topicSelect.value = job.topic.id;
  show(errorBox(result), ...jobView(job));
}

async function jobPage(jobId: string): Promise<void> {
  const signal = page.signal;
  let last: Result<unknown> = {};
  let job: Job | null = null;
  // The job and its results first, jobstates and files as they arrive (@defer).
  for await (const result of stream(JobPageDocument, { id: jobId })) {
    if (signal.aborted) return;
    last = result;
    job = (result.data?.job as Job | null | undefined) ?? null;
    if (job) drawJob(job, result);
  }
  if (!job) {
    show(errorBox(last) ?? h('p', { class: 'muted' }, 'No such job.'));
    return;
  }
  await live(JobLiveDocument, { id: jobId }, (data) => drawJob(data.job, {}));
}

// ---- routing ----

let topics: { id: string; name: string }[] = [];

async function loadTopics(): Promise<Result<unknown>> {
  const result = await query(DashboardTopicsDocument, {});
  topics = present(result.data?.topics?.nodes).map((t) => ({
    id: t.id,
    name: t.product ? `${t.product.name} / ${t.name}` : t.name,
  }));
  topicSelect.replaceChildren(...topics.map((t) => h('option', { value: t.id }, t.name)));
  return result;
}

topicSelect.addEventListener('change', () => {
  location.hash = `#/topic/${topicSelect.value}`;
});

async function route(): Promise<void> {
  page.abort();
  page = new AbortController();
  liveBadge.hidden = true;
  const [, kind, id] = /^#\/(topic|job)\/([^/]+)$/.exec(location.hash) ?? [];
  if (kind === 'job' && id) return jobPage(id);
  if (kind === 'topic' && id) return topicPage(id);
  const first = topics[0];
  if (first) return topicPage(first.id);
  show(h('p', { class: 'muted' }, 'No topic is visible with these credentials.'));
}

async function start(): Promise<void> {
  showIdentity();
  const result = await loadTopics();
  if (result.errors?.length && topics.length === 0) {
    show(errorBox(result), h('p', { class: 'muted' }, 'Set your DCI credentials above.'));
    if (!demo) form.hidden = false;
    return;
  }
  await route();
}

window.addEventListener('hashchange', () => void route());
void start().catch((error: unknown) => show(h('div', { class: 'error' }, String(error))));
