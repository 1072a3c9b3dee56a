// The image's HEALTHCHECK: exit 0 when the service answers GET /healthz, else 1.
import { healthcheckUrl } from './healthcheck-url.js';

try {
  const response = await fetch(healthcheckUrl(process.env), { signal: AbortSignal.timeout(2_000) });
  process.exitCode = response.ok ? 0 : 1;
} catch (error) {
  process.stderr.write(
    `healthcheck failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
