/**
 * `.github/workflows/publish.yml` is valid YAML with the shape the README promises: a
 * build matrix over N shards (N a workflow input), the build cache through actions/cache
 * keyed on content hashes, a merge job that runs merge, verify and check --strict, the
 * site uploaded and deployed to GitHub Pages from the default branch only. Its shell steps
 * are run here where they can be (the matrix list) and its Briefpress commands are checked
 * against the CLI's own help, so a renamed flag breaks this test, not the next publish.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/fixtures.js';
import { cli, run } from '../helpers/tools.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: Record<string, unknown> };
  permissions?: Record<string, string>;
  environment?: { name: string };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches: string[] }; workflow_dispatch: { inputs: Record<string, { type: string; default: unknown }> } };
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const file = path.join(ROOT, '.github', 'workflows', 'publish.yml');
const workflow = parse(readFileSync(file, 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
const runs = (job: string) => workflow.jobs[job]!.steps.filter((s) => s.run).map((s) => s.run!.trim());
const uses = (job: string, action: string) => workflow.jobs[job]!.steps.find((s) => s.uses?.startsWith(`${action}@`));

describe('the publish workflow', () => {
  it('takes N from a workflow input and builds a matrix of shards 1..N', () => {
    expect(workflow.on.workflow_dispatch.inputs.shards).toMatchObject({ type: 'number' });
    expect(workflow.env.SHARDS).toBe('${{ inputs.shards || 2 }}');
    // The plan step's own shell, as the runner runs it.
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'bp-workflow-')), 'output');
    const step = workflow.jobs.plan!.steps.find((s) => s.id === 'list')!;
    const r = run('bash', ['-eo', 'pipefail', '-c', `: > "$GITHUB_OUTPUT"; ${step.run}`], { env: { ...process.env, SHARDS: '3', GITHUB_OUTPUT: out } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('count=3\nshards=[1,2,3]\n');
    expect(run('bash', ['-eo', 'pipefail', '-c', `${step.run}`], { env: { ...process.env, SHARDS: '0', GITHUB_OUTPUT: out } }).status).not.toBe(0);
    const build = workflow.jobs.build!;
    expect(build.needs).toBe('plan');
    expect(build.strategy!.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(runs('build')).toContain('node bin/briefpress.js build --shard ${{ matrix.shard }}/${{ needs.plan.outputs.count }} --exclude-drafts --out shard');
  });

  it('restores and saves the build cache keyed on the content and code hashes', () => {
    const cache = uses('build', 'actions/cache')!;
    expect(cache.with!.path).toBe('.briefpress/cache');
    expect(String(cache.with!.key)).toContain("hashFiles('content/**')");
    expect(String(cache.with!.key)).toContain("hashFiles('package-lock.json', 'src/**', 'templates/**')");
    expect(String(cache.with!.key)).toContain('${{ matrix.shard }}');
    const steps = workflow.jobs.build!.steps;
    expect(steps.indexOf(cache)).toBeLessThan(steps.findIndex((s) => s.run?.includes('briefpress.js build')));
  });

  it('merges, verifies and checks before it uploads, and deploys to Pages from the default branch only', () => {
    const merge = workflow.jobs.merge!;
    expect(merge.needs).toEqual(['plan', 'build']);
    expect(uses('merge', 'actions/download-artifact')!.with).toMatchObject({ pattern: 'shard-*', path: 'shards' });
    const commands = runs('merge').filter((r) => r.includes('briefpress'));
    expect(commands).toEqual([
      'node bin/briefpress.js merge shards/shard-* --out site',
      'node bin/briefpress.js verify site',
      'node bin/briefpress.js check --strict',
    ]);
    const order = merge.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
    expect(order.indexOf('actions/upload-pages-artifact')).toBeGreaterThan(order.indexOf('node bin/briefpress.js check --strict'));
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe('merge');
    expect(deploy.if).toContain("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.environment!.name).toBe('github-pages');
    expect(deploy.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });

  it('calls only commands and flags the CLI has', () => {
    const help = cli(['--help']).stdout;
    const lines = Object.keys(workflow.jobs).flatMap(runs).filter((r) => r.startsWith('node bin/briefpress.js'));
    expect(lines.length).toBe(4);
    for (const line of lines) {
      const [command, ...args] = line.replace('node bin/briefpress.js ', '').split(/\s+/);
      expect(help, line).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help, `${line}: ${flag}`).toContain(flag);
    }
  });
});
