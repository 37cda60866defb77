CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`profile_title` text DEFAULT 'Rotor' NOT NULL,
	`support_url` text DEFAULT '' NOT NULL,
	`update_interval_hours` integer DEFAULT 12 NOT NULL,
	`announce` text DEFAULT '' NOT NULL,
	`remark_template` text DEFAULT '{HOST} · {USERNAME}' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_agent_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`position` integer NOT NULL,
	`prefix` text NOT NULL,
	`format` text NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
