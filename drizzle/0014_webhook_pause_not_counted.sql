ALTER TABLE `webhook_deliveries` ADD `paused_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhooks` ADD `disabled_at` integer;