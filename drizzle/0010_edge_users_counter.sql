-- Traffic counted before Step 6 is the users' lifetime traffic so far.
UPDATE `users` SET `lifetime_bytes` = `upload_bytes` + `download_bytes`;
--> statement-breakpoint
-- `edge_users` grows whenever the set of users edges must accept may have changed. Triggers, not
-- application code, bump it, so no write path (forms, API, CLI, jobs, raw SQL) can forget to.
INSERT INTO `change_counters` (`name`, `value`) VALUES ('edge_users', 1);
--> statement-breakpoint
CREATE TRIGGER `users_edge_set_on_insert` AFTER INSERT ON `users`
BEGIN
  UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'edge_users';
END;
--> statement-breakpoint
CREATE TRIGGER `users_edge_set_on_delete` AFTER DELETE ON `users`
BEGIN
  UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'edge_users';
END;
--> statement-breakpoint
CREATE TRIGGER `users_edge_set_on_update` AFTER UPDATE OF `status`, `uuid`, `expires_at` ON `users`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`uuid` IS NOT NEW.`uuid` OR OLD.`expires_at` IS NOT NEW.`expires_at`
BEGIN
  UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'edge_users';
END;
