// Offline check of a ledger proof bundle (see bundle.ts), trusting only the log key given on the command line:
//
//   node --import tsx src/verifier/cli.ts --key '<name>+<keyid>+<base64>' bundle.json
//   node --import tsx src/verifier/cli.ts --trust-bundle-key bundle.json    (internal consistency only)
//
// Exit status: 0 verified, 1 verification failed, 2 usage or input error.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { verifyBundle } from './bundle.ts';
import { verifyCasefile } from './casefile.ts';
import { parseVerifierKey, VerifyError, type TrustedKey } from './note.ts';

const USAGE = 'usage: verify --key <verifier key> [--key …] <bundle.json>\n       verify --trust-bundle-key <bundle.json>';

export function runVerify(argv: string[], out: (line: string) => void = console.log): number {
  const keys: string[] = [];
  let trustBundleKey = false;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--key' && argv[i + 1]) keys.push(argv[++i]!);
    else if (a === '--trust-bundle-key') trustBundleKey = true;
    else if (!a.startsWith('--') && !file) file = a;
    else {
      out(USAGE);
      return 2;
    }
  }
  if (!file || (keys.length === 0 && !trustBundleKey)) {
    out(USAGE);
    return 2;
  }

  let bundle: unknown;
  try {
    bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    out(`无法读取证明文件 cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  let trusted: TrustedKey[];
  try {
    trusted = keys.map(parseVerifierKey);
    if (trustBundleKey) {
      const claimed = (bundle as { verifierKey?: unknown }).verifierKey;
      if (typeof claimed !== 'string') throw new VerifyError('the bundle names no verifierKey');
      trusted.push(parseVerifierKey(claimed));
      out(`注意 WARNING: trusting the key inside the bundle (${claimed}); compare it with the key the agency publishes.`);
    }
  } catch (e) {
    out(`密钥无效 bad key: ${(e as Error).message}`);
    return 2;
  }

  const report = verifyBundle(bundle, trusted);
  if (report.checkpoint) {
    const c = report.checkpoint;
    out(`树头 tree head: ${c.origin} size ${c.size} root ${c.rootHash} (${c.suite}, signed by ${c.signedBy.join(', ')})`);
  }
  for (const e of report.entries) out(`${e.ok ? '✓' : '✗'} entry ${e.index}${e.problem ? `: ${e.problem}` : ''}`);
  for (const p of report.previous)
    out(`${p.ok ? '✓' : '✗'} consistent with earlier tree head of size ${p.size}${p.problem ? `: ${p.problem}` : ''}`);
  for (const p of report.problems) out(`✗ ${p}`);
  out(report.ok ? '验证通过 VERIFIED' : '验证失败 NOT VERIFIED');
  return report.ok ? 0 : 1;
}

const CASEFILE_USAGE =
  'usage: verify-casefile <case file.zip> [--key <verifier key> …]\n  without --key the key named inside the file is trusted (internal consistency only)';

/** `sanxiang verify-casefile`: check an exported case file offline; every failing file is named. */
export async function runVerifyCasefile(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const keys: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--key' && argv[i + 1]) keys.push(argv[++i]!);
    else if (!a.startsWith('--') && !file) file = a;
    else {
      out(CASEFILE_USAGE);
      return 2;
    }
  }
  if (!file) {
    out(CASEFILE_USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`找不到文件 no such file: ${file}`);
    return 2;
  }
  let trusted: TrustedKey[];
  try {
    trusted = keys.map(parseVerifierKey);
  } catch (e) {
    out(`密钥无效 bad key: ${(e as Error).message}`);
    return 2;
  }
  const report = await verifyCasefile(file, trusted, { trustBundleKey: keys.length === 0 });
  if (report.caseNumber) out(`案卷 case file: ${report.caseNumber}`);
  if (report.trustedBundleKey)
    out(`注意 WARNING: 未指定 --key，使用了案卷自带的公钥 ${report.trustedBundleKey}；请与部署方公布的公钥核对。`);
  const c = report.bundle?.checkpoint;
  if (c) out(`树头 tree head: ${c.origin} size ${c.size} root ${c.rootHash} (${c.suite})`);
  const failed = report.files.filter((f) => !f.ok);
  out(`已核对 ${report.files.length} 个文件 checked ${report.files.length} files, ${failed.length} failed`);
  for (const f of failed) out(`✗ ${f.path}: ${f.problem}`);
  for (const p of report.problems) out(`✗ ${p}`);
  out(report.ok ? '验证通过 VERIFIED' : '验证失败 NOT VERIFIED');
  return report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runVerify(process.argv.slice(2));
}
