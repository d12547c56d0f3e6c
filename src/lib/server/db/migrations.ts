/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. Kept as TypeScript
 * strings so the same list ships in the SvelteKit bundle, the collaboration server and the tests.
 * Never edit an applied migration: append a new one.
 */
export const migrations: { id: string; sql: string }[] = [
	{
		id: '001_foundation',
		sql: `
create table users (
	id text primary key,
	email text not null unique,
	name text not null,
	password_hash text not null,
	color text not null,
	created_at timestamptz not null default now()
);

create table sessions (
	id text primary key,
	user_id text not null references users(id) on delete cascade,
	expires_at timestamptz not null
);
create index sessions_user on sessions(user_id);

create table workspaces (
	id text primary key,
	name text not null,
	created_by text not null references users(id),
	created_at timestamptz not null default now()
);

create table workspace_members (
	workspace_id text not null references workspaces(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	is_admin boolean not null default false,
	function text check (function in ('sales', 'operations', 'finance')),
	joined_at timestamptz not null default now(),
	primary key (workspace_id, user_id)
);

create table invites (
	token_hash text primary key,
	workspace_id text not null references workspaces(id) on delete cascade,
	email text not null,
	function text check (function in ('sales', 'operations', 'finance')),
	invited_by text not null references users(id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	accepted_by text references users(id),
	accepted_at timestamptz
);

create table plans (
	id text primary key,
	workspace_id text not null references workspaces(id) on delete cascade,
	name text not null,
	start_month text not null,
	horizon integer not null check (horizon between 1 and 60),
	created_by text not null references users(id),
	created_at timestamptz not null default now()
);

create table plan_members (
	plan_id text not null references plans(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	role text not null check (role in ('viewer', 'editor', 'leader')),
	primary key (plan_id, user_id)
);

create table families (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	name text not null,
	position integer not null
);

create table items (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	family_id text not null references families(id) on delete cascade,
	sku text not null,
	name text not null,
	position integer not null,
	unique (plan_id, sku)
);

create table yjs_updates (
	id bigserial primary key,
	doc text not null,
	update bytea not null,
	user_id text references users(id) on delete set null,
	created_at timestamptz not null default now()
);
create index yjs_updates_doc on yjs_updates(doc, id);

create table yjs_snapshots (
	doc text primary key,
	state bytea not null,
	last_update_id bigint not null,
	updated_at timestamptz not null default now()
);
`
	},
	{
		id: '002_cycle_and_comments',
		sql: `
alter table plans add column viewers_can_comment boolean not null default true;
alter table plans add column approved_version integer;
alter table plans add column previous_plan_id text references plans(id) on delete set null;

-- One row per step once it is configured or locked; a missing row is an open step with the
-- default sign-offs.
create table plan_steps (
	plan_id text not null references plans(id) on delete cascade,
	step integer not null check (step between 1 and 4),
	required text,
	locked_at timestamptz,
	locked_by text references users(id) on delete set null,
	primary key (plan_id, step)
);

create table sign_offs (
	plan_id text not null references plans(id) on delete cascade,
	step integer not null check (step between 1 and 4),
	signer text not null check (signer in ('sales', 'operations', 'finance', 'leader')),
	user_id text not null references users(id) on delete cascade,
	remark text not null default '',
	signed_at timestamptz not null default now(),
	primary key (plan_id, step, signer)
);

create table plan_events (
	id bigserial primary key,
	plan_id text not null references plans(id) on delete cascade,
	kind text not null,
	step integer,
	user_id text references users(id) on delete set null,
	detail text not null default '',
	created_at timestamptz not null default now()
);
create index plan_events_plan on plan_events(plan_id, id);

create table plan_versions (
	plan_id text not null references plans(id) on delete cascade,
	number integer not null,
	approved_by text references users(id) on delete set null,
	approved_at timestamptz not null default now(),
	-- json, not jsonb: a large plan's version is megabytes that are stored and read whole, and
	-- jsonb's parsing made writing one several times slower.
	content json not null,
	primary key (plan_id, number)
);

create table comment_threads (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	owner_id text not null,
	measure_id text,
	period text,
	created_by text references users(id) on delete set null,
	created_at timestamptz not null default now(),
	resolved_at timestamptz,
	resolved_by text references users(id) on delete set null
);
create index comment_threads_plan on comment_threads(plan_id);

create table comments (
	id text primary key,
	thread_id text not null references comment_threads(id) on delete cascade,
	author_id text references users(id) on delete set null,
	body text not null,
	created_at timestamptz not null default now(),
	edited_at timestamptz
);
create index comments_thread on comments(thread_id, created_at);

create table comment_mentions (
	comment_id text not null references comments(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	read_at timestamptz,
	primary key (comment_id, user_id)
);
create index comment_mentions_user on comment_mentions(user_id) where read_at is null;
`
	},
	{
		// Server-side writes (import, forecast, scenario merges, the seed, the next cycle) say
		// where they came from; a person's own edit has no source.
		id: '003_update_sources',
		sql: `alter table yjs_updates add column source text;`
	},
	{
		id: '004_plan_currency',
		sql: `
-- The ISO 4217 code of the plan's money (prices, costs, revenue); shown with every amount.
alter table plans add column currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$');
`
	},
	{
		id: '005_invite_plan_roles',
		sql: `
-- The plan roles an invite gives on acceptance, so the invitee opens their plans at once.
create table invite_plan_roles (
	token_hash text not null references invites(token_hash) on delete cascade,
	plan_id text not null references plans(id) on delete cascade,
	role text not null check (role in ('viewer', 'editor', 'leader')),
	primary key (token_hash, plan_id)
);
`
	},
	{
		id: '006_api_tokens',
		sql: `
-- Secrets a workspace's admins hand to a scheduled job (a nightly ERP load); only their SHA-256 is
-- kept. A revoked token stays listed, so the admins see what was cut off and by whom.
create table api_tokens (
	id text primary key,
	workspace_id text not null references workspaces(id) on delete cascade,
	name text not null,
	token_hash text not null unique,
	scope text not null check (scope in ('import')),
	created_by text references users(id) on delete set null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz,
	revoked_by text references users(id) on delete set null
);
create index api_tokens_workspace on api_tokens(workspace_id, created_at);
`
	},
	{
		id: '007_import',
		sql: `
-- An item's replenishment lead time, from an item list; the statistical safety stock uses it.
alter table items add column lead_time_days numeric check (lead_time_days >= 0);

-- Actual sales per SKU and month, kept for the workspace across plans and cycles: the statistical
-- forecast reads it, and every plan's actual-sales row shows it.
create table sales_history (
	workspace_id text not null references workspaces(id) on delete cascade,
	sku text not null,
	month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	quantity double precision not null,
	updated_at timestamptz not null default now(),
	updated_by text references users(id) on delete set null,
	primary key (workspace_id, sku, month)
);

-- How a plan's (or the workspace history's) last import read its columns, for the next one.
create table import_mappings (
	target text not null check (target in ('plan', 'history')),
	owner_id text not null,
	mapping json not null,
	updated_at timestamptz not null default now(),
	primary key (target, owner_id)
);
`
	},
	{
		id: '008_forecast',
		sql: `
-- The service level a plan's statistical safety stock aims at (share of months without a shortage).
alter table plans add column service_level double precision not null default 0.95
	check (service_level >= 0.5 and service_level <= 0.999);

-- The statistical baseline's explanation per item, written with each refresh: the method chosen,
-- how it did on the item's last months held out, its one-step error (the safety stock's sigma),
-- and its prediction intervals per plan month.
create table item_forecasts (
	plan_id text not null references plans(id) on delete cascade,
	item_id text not null references items(id) on delete cascade,
	method text not null,
	history_months integer not null,
	backtest_wape double precision,
	backtest_mase double precision,
	sigma double precision not null,
	-- [{ "month": "YYYY-MM", "lo80", "hi80", "lo95", "hi95" }] for the plan's months it covers.
	intervals json not null,
	refreshed_at timestamptz not null default now(),
	refreshed_by text references users(id) on delete set null,
	primary key (plan_id, item_id)
);
`
	},
	{
		id: '009_scenarios',
		sql: `
-- What-if branches of a plan. The values live in the scenario's Yjs document (only the cells it
-- changes); this row says what it is and who may see it. 'plan': every member of the plan sees it
-- and edits the measures their role edits in the plan; 'private': its creator, the plan's leaders
-- and the people named in scenario_editors.
create table scenarios (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	name text not null,
	description text not null default '',
	visibility text not null check (visibility in ('plan', 'private')),
	-- The approved version it started from; null: the live plan.
	base_version integer,
	created_by text references users(id) on delete set null,
	created_at timestamptz not null default now(),
	-- 'promoted': its values were made the plan's.
	status text not null default 'open' check (status in ('open', 'promoted'))
);
create unique index scenarios_name on scenarios (plan_id, lower(name));

-- People given the right to edit a scenario whatever their role on the plan.
create table scenario_editors (
	scenario_id text not null references scenarios(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	primary key (scenario_id, user_id)
);

-- The scenario the executive review chose when it approved a version (its name kept as it was).
alter table plan_versions add column scenario_id text references scenarios(id) on delete set null;
alter table plan_versions add column scenario_name text;
`
	},
	{
		id: '010_cell_history',
		sql: `
-- Every change of a cell's value people saw (the value shown: a cell edit over the base row),
-- with who made it, how and when. Written with the update log, in the same transaction; compaction
-- folds the update log but never touches this table, so history, "changes since" and replay
-- outlive it. One row per cell per change; old/new null where the cell was empty.
create table cell_edits (
	id bigserial primary key,
	plan_id text not null references plans(id) on delete cascade,
	step integer not null,
	owner_id text not null,
	measure text not null,
	period text not null,
	old_value double precision,
	new_value double precision,
	user_id text references users(id) on delete set null,
	-- 'typed' | 'pasted' | 'spread' | 'undo' | 'edit' (a person's edit of unknown kind), or the
	-- server-side write source: 'import' | 'forecast' | 'scenario' | 'next-cycle'
	kind text not null,
	-- How many cells the same edit (one update or one server write) changed.
	edit_cells integer not null default 1,
	at timestamptz not null default now()
);
create index cell_edits_cell on cell_edits (plan_id, owner_id, measure, period, id);
create index cell_edits_time on cell_edits (plan_id, at);

-- When each person last opened each plan: "changes since my last visit".
create table plan_visits (
	plan_id text not null references plans(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	last_seen_at timestamptz not null,
	previous_seen_at timestamptz,
	primary key (plan_id, user_id)
);
`
	},
	{
		id: '012_meetings',
		sql: `
-- A meeting run on a plan (scope: one step, or null for the whole cycle). At most one runs per plan
-- (ended_at null); current_item is the agenda position under way.
create table meetings (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	step integer check (step between 1 and 4),
	title text not null,
	started_by text references users(id) on delete set null,
	presenter_id text references users(id) on delete set null,
	started_at timestamptz not null default now(),
	ended_at timestamptz,
	current_item integer not null default 0
);
create unique index meetings_running on meetings (plan_id) where ended_at is null;
create index meetings_plan on meetings (plan_id, started_at);

-- The agenda: a step or a free topic, its time box and owner; started_at/ended_at are the actual
-- times, for the minutes.
create table meeting_agenda (
	meeting_id text not null references meetings(id) on delete cascade,
	position integer not null,
	title text not null,
	step integer check (step between 1 and 4),
	owner_id text references users(id) on delete set null,
	minutes integer not null check (minutes between 1 and 240),
	started_at timestamptz,
	ended_at timestamptz,
	primary key (meeting_id, position)
);

-- Who was there: recorded when a member's board fetches the running meeting.
create table meeting_attendance (
	meeting_id text not null references meetings(id) on delete cascade,
	user_id text not null references users(id) on delete cascade,
	joined_at timestamptz not null default now(),
	last_seen_at timestamptz not null default now(),
	primary key (meeting_id, user_id)
);

-- The decision log: actions with an owner and a due date, on cells or rows (refs: [{ ownerId,
-- measureId?, period? }]). Open ones of a plan's predecessors show on the plan until done.
create table decisions (
	id text primary key,
	plan_id text not null references plans(id) on delete cascade,
	meeting_id text references meetings(id) on delete set null,
	text text not null,
	owner_id text references users(id) on delete set null,
	due_date date,
	refs jsonb not null default '[]',
	status text not null default 'open' check (status in ('open', 'done')),
	created_by text references users(id) on delete set null,
	created_at timestamptz not null default now(),
	done_at timestamptz,
	done_by text references users(id) on delete set null
);
create index decisions_plan on decisions (plan_id, created_at);
`
	},
	{
		id: '013_user_locale',
		sql: `
-- How a person writes numbers (a BCP 47 tag such as 'nb-NO'); null follows their browser.
alter table users add column number_locale text;
`
	},
	{
		id: '014_plan_fences',
		sql: `
-- Several processes (REDIS_URL): the fencing token of the process that owns each plan's documents.
-- Taking a plan over raises it; a commit of the plan's update log checks it is still its own, so a
-- process that lost its lease (paused, cut off) cannot log anything after the new owner loaded.
-- No foreign key: a deleted plan's row is harmless, and a commit must not fail on it.
create table plan_fences (
	plan_id text primary key,
	fence bigint not null
);
`
	},
	{
		id: '015_cell_edit_writes',
		sql: `
-- Each history row names the write it came from and its place in it. A commit whose answer was
-- lost (the connection cut after Postgres committed) is written again; its rows are there already
-- and are not added twice. Rows from before have neither, and the index leaves them out.
alter table cell_edits add column write_id text, add column write_ord integer;
create unique index cell_edits_write on cell_edits (write_id, write_ord) where write_id is not null;
`
	},
	{
		id: '016_kept_first_screens',
		sql: `
-- Each plan's first screen as its documents were when it was last unloaded (devalue text), with
-- what it was computed from: the rows and months, and the last log row of each step document. A
-- freshly started server serves it while it matches what is saved, without loading the documents.
create table kept_first_screens (
	plan_id text primary key references plans(id) on delete cascade,
	stamp text not null,
	screen text not null
);
`
	},
	{
		id: '017_log_keys_by_statement',
		sql: `
-- The update log and the cell history take a row per edit, many per statement, and a foreign key
-- checks and locks its referenced row once per inserted row, each in a query of its own: on the
-- embedded database, about a fifth of the statement the collaboration server runs every beat. The
-- statement (yjs-log.ts) now locks each referenced user and plan once, as the keys did, and leaves
-- rows it cannot reference out or unattributed; these triggers do what the keys did on delete.
alter table yjs_updates drop constraint yjs_updates_user_id_fkey;
alter table cell_edits drop constraint cell_edits_plan_id_fkey,
	drop constraint cell_edits_user_id_fkey;

create function forget_deleted_author() returns trigger language plpgsql as $$
begin
	update yjs_updates set user_id = null where user_id = old.id;
	update cell_edits set user_id = null where user_id = old.id;
	return null;
end $$;
create trigger users_forget_in_logs after delete on users
	for each row execute function forget_deleted_author();

create function drop_deleted_plan_history() returns trigger language plpgsql as $$
begin
	delete from cell_edits where plan_id = old.id;
	return null;
end $$;
create trigger plans_drop_history after delete on plans
	for each row execute function drop_deleted_plan_history();
`
	}
];
