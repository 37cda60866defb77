import { expect, type Page } from "@playwright/test";
import { E2E_OWNER } from "./environment";

export interface Account {
  username: string;
  password: string;
}

/** Fills in and submits the login form, whatever the outcome. */
export async function attemptSignIn(page: Page, account: Account): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in (as the owner the server was started with, unless told otherwise) and waits for the dashboard. */
export async function signIn(page: Page, account: Account = E2E_OWNER): Promise<void> {
  await attemptSignIn(page, account);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}
