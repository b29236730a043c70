-- Contacts' last human open / click / activity from the events recorded so far (machine events never
-- count). greatest() keeps any later date already there (imported), so nothing moves backwards.
WITH engaged AS (
	SELECT contact_id, workspace_id,
		max(created_at) FILTER (WHERE type = 'open') AS open_at,
		max(created_at) FILTER (WHERE type = 'click') AS click_at,
		max(created_at) AS activity_at
	FROM events
	WHERE contact_id IS NOT NULL AND NOT machine AND type IN ('open', 'click', 'conversion')
	GROUP BY contact_id, workspace_id
)
UPDATE contacts c SET
	last_open_at = greatest(c.last_open_at, g.open_at),
	last_click_at = greatest(c.last_click_at, g.click_at)
FROM engaged g
WHERE g.contact_id = c.id AND g.workspace_id = c.workspace_id;
--> statement-breakpoint
-- Contacts without events still carry imported open/click/purchase dates into last activity.
UPDATE contacts SET last_activity_at = greatest(
	last_activity_at, last_open_at, last_click_at, last_purchase_at,
	(SELECT max(e.created_at) FROM events e
	 WHERE e.contact_id = contacts.id AND e.workspace_id = contacts.workspace_id AND NOT e.machine AND e.type = 'conversion'))
WHERE last_open_at IS NOT NULL OR last_click_at IS NOT NULL OR last_purchase_at IS NOT NULL
	OR EXISTS (SELECT 1 FROM events e WHERE e.contact_id = contacts.id AND e.workspace_id = contacts.workspace_id AND NOT e.machine AND e.type = 'conversion');
