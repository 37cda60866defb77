import type { Page } from "@playwright/test";

/** With ROTOR_SCREENSHOTS=1 the README's screenshots in docs/ are rewritten too. */
const UPDATE_DOCS = process.env.ROTOR_SCREENSHOTS === "1";

/**
 * Saves a screenshot of the page as a test artifact (test-results/screenshots/<name>.png) on
 * every run, and into docs/screenshots only when asked: a test run never changes tracked files.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const fullPage = options.fullPage ?? true;
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
  if (UPDATE_DOCS) await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
}

export const SCREENSHOTS_FOR_DOCS = UPDATE_DOCS;
