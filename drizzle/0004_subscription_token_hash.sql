ALTER TABLE `users` ADD `subscription_token_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- rotor_sha256 is registered on every connection by lib/db/client.ts.
UPDATE `users` SET `subscription_token_hash` = rotor_sha256(`subscription_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_subscription_token_hash_unique` ON `users` (`subscription_token_hash`);
