/** `npm start`: the whole product on this machine, on the embedded database unless DATABASE_URL is set. */
import { buildIfMissing } from './build-if-missing';
import { readLocalConfig } from './config';
import { startLocal } from './server';

async function main() {
  const config = readLocalConfig();
  buildIfMissing();
  const running = await startLocal(config);
  const { apiUrl, demoUrl, demo } = running;
  console.log(
    [
      '',
      `  Inlet is running (${config.databaseUrl ? 'Postgres from DATABASE_URL' : `embedded database in ${config.dataDir}`})`,
      '',
      `  API          ${apiUrl}            reference: ${apiUrl}/docs`,
      `  Dashboard    ${apiUrl}/app/`,
      `  Demo site    ${demoUrl}/?utm_source=newsletter&utm_campaign=launch`,
      `  Demo key     ${demo.secretKey}`,
      `  Demo login   ${demo.login.email} / ${demo.login.password}`,
      config.mail
        ? `  Email        sent through ${config.mail.provider} from ${config.mail.from}`
        : `  Email        caught (no INLET_MAIL_PROVIDER): printed here and listed at ${apiUrl}/app/dev/mail`,
      '',
      `  curl -H "Authorization: Bearer ${demo.secretKey}" ${apiUrl}/v1/leads`,
      '',
    ].join('\n'),
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`\n${signal}: closing the database…`);
    // The embedded database must close cleanly; never take longer than 2 s about it.
    const force = setTimeout(() => process.exit(1), 2000);
    force.unref();
    running
      .close()
      .then(() => {
        // The shutdown test reads this line: under `npm start` it cannot see this process's exit code.
        console.error('Database closed cleanly.');
        process.exit(0);
      })
      .catch((err) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
