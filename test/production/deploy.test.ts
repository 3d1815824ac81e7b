/**
 * No Kubernetes or Docker runs where these tests run, so the deployment examples in deploy/ are
 * checked by reading them: the structure that matters (replicas, probes on /ready and /health,
 * Services that select the pods and reach their ports, the gateway wired to the Redis service)
 * and that every gateway setting they pass is one the gateway knows, with a valid value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig, OPTIONS } from '../../src/config.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is checked field by field below.
type Doc = any;

/** Every document of a multi-document YAML file; a syntax error fails the test. */
function documents(path: string): Doc[] {
  return parseAllDocuments(read(path)).map((d) => {
    expect(d.errors, path).toEqual([]);
    return d.toJS();
  });
}

const k8s = [
  ...documents('deploy/kubernetes/gateway.yaml'),
  ...documents('deploy/kubernetes/redis.yaml'),
];
const find = (kind: string, name: string): Doc => {
  const doc = k8s.find((d) => d.kind === kind && d.metadata?.name === name);
  expect(doc, `${kind}/${name}`).toBeDefined();
  return doc;
};
const KNOWN_VARIABLES = new Set([
  ...OPTIONS.map((o) => o.env).filter(Boolean),
  'DCI_CS_URL',
  'NODE_ENV',
]);

/** The gateway's configuration from these environment variables, as main.ts would read it. */
function configFrom(env: Record<string, string>) {
  for (const name of Object.keys(env)) expect(KNOWN_VARIABLES, name).toContain(name);
  return loadConfig([], env);
}

/** Whether a Service's targetPort names or numbers one of the container's ports. */
function reaches(targetPort: string | number, ports: { name?: string; containerPort: number }[]) {
  return ports.some((p) => p.name === targetPort || p.containerPort === targetPort);
}

describe('deploy/kubernetes', () => {
  const gateway = find('Deployment', 'dci-graphql');
  const container = gateway.spec.template.spec.containers[0];
  const env = Object.fromEntries(
    (container.env as { name: string; value?: string }[])
      .filter((e) => e.value !== undefined)
      .map((e) => [e.name, e.value as string]),
  );

  it('runs three gateway replicas whose selector matches their pods', () => {
    expect(gateway.apiVersion).toBe('apps/v1');
    expect(gateway.spec.replicas).toBe(3);
    expect(gateway.spec.template.metadata.labels).toMatchObject(gateway.spec.selector.matchLabels);
  });

  it('probes readiness on /ready and liveness on /health, on the port the gateway listens on', () => {
    const config = configFrom(env);
    const port = container.ports.find((p: Doc) => p.containerPort === config.port);
    expect(port).toBeDefined();
    expect(config.host).toBe('0.0.0.0');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(reaches(probe.httpGet.port, container.ports)).toBe(true);
    }
  });

  it('lets the gateway drain before the pod is killed, as a non-root user', () => {
    const config = configFrom(env);
    const pause = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    expect(gateway.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
      pause + config.shutdownGraceMs / 1000,
    );
    expect(container.securityContext.runAsNonRoot).toBe(true);
  });

  it('shares the Redis service between the replicas', () => {
    const config = configFrom(env);
    expect(config.redisUrl).not.toBeNull();
    const url = new URL(config.redisUrl!);
    const redisService = find('Service', url.hostname);
    expect(redisService.spec.ports.map((p: Doc) => p.port)).toContain(Number(url.port));
    const redis = find('Deployment', 'redis');
    expect(redis.spec.template.metadata.labels).toMatchObject(redisService.spec.selector);
    const redisPorts = redis.spec.template.spec.containers[0].ports;
    for (const p of redisService.spec.ports) expect(reaches(p.targetPort, redisPorts)).toBe(true);
    expect(config.cache.mode).toBe('redis');
  });

  it('exposes the gateway through a Service that selects its pods and reaches its port', () => {
    const service = find('Service', 'dci-graphql');
    expect(gateway.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    for (const p of service.spec.ports) expect(reaches(p.targetPort, container.ports)).toBe(true);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(read('deploy/compose.yaml')) as Doc;
  const gateway = compose.services.gateway;

  it('builds the gateway from the repository Dockerfile and runs three replicas', () => {
    expect(gateway.build.context).toBe('..');
    expect(() => read(gateway.build.dockerfile)).not.toThrow();
    expect(gateway.deploy.replicas).toBe(3);
    // One host port per replica.
    expect(gateway.ports[0]).toMatch(/:4000-4002:4000$/);
  });

  it('wires the replicas to the healthy Redis service, with settings the gateway accepts', () => {
    const env = { ...gateway.environment, DCI_CS_URL: 'https://api.distributed-ci.io' };
    const config = configFrom(env);
    expect(new URL(config.redisUrl!).hostname).toBe('redis');
    expect(compose.services.redis).toBeDefined();
    expect(compose.services.redis.healthcheck.test).toContain('ping');
    expect(gateway.depends_on.redis.condition).toBe('service_healthy');
    expect(config.port).toBe(4000);
    expect(Number.parseInt(gateway.stop_grace_period, 10)).toBeGreaterThan(
      config.shutdownGraceMs / 1000,
    );
  });
});
