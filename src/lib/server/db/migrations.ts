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
	}
];
