CREATE TABLE `rotation_events` (
	`revision` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`host_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text
);
--> statement-breakpoint
CREATE TABLE `rotation_state` (
	`host_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL
);
