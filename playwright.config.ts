import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT, E2E_SERVER_ENV } from "./e2e/support/environment";

/** Debian's Chromium as root in a container, with no network beyond loopback (TOOLCHAIN.md). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const BROWSER = { ...devices["Desktop Chrome"], launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS } };

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // Real flows against a production build share 2 cores with a second worker, etcd, v2ray and
  // nginx: a 27 s story on a quiet machine took over 30 s in CI. Headroom, not a speed target.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Specs that change global settings (profile title, UA rules) run alone, before the rest,
    // so no other spec meets a setting mid-change.
    { name: "global-settings", testMatch: /admin-settings\.spec\.ts/, use: BROWSER },
    { name: "chromium", testIgnore: /admin-settings\.spec\.ts/, dependencies: ["global-settings"], use: BROWSER },
  ],
  webServer: {
    // A fresh build each run, so tests never meet a stale one; Playwright stops the whole process group.
    command: `npx next build && npx next start --hostname 127.0.0.1 --port ${E2E_PORT}`,
    url: `${E2E_BASE_URL}/readyz`,
    env: E2E_SERVER_ENV,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
