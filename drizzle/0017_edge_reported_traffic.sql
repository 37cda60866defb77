ALTER TABLE `edge_nodes` ADD `reported_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `edge_nodes` ADD `last_report_at` integer;