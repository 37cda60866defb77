CREATE TABLE `edge_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_seen_at` integer,
	`last_seen_ip` text,
	`applied_revision` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `edge_nodes_token_hash_unique` ON `edge_nodes` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `edge_nodes_live_name` ON `edge_nodes` (`name`) WHERE "edge_nodes"."revoked_at" IS NULL;