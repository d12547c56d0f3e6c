/** Meetings and decisions as the server sends them to the pages. */

export interface AgendaItemView {
	position: number;
	title: string;
	step: number | null;
	ownerId: string | null;
	ownerName: string | null;
	minutes: number;
	startedAt: string | null;
	endedAt: string | null;
}

export interface MeetingView {
	id: string;
	title: string;
	step: number | null;
	startedAt: string;
	endedAt: string | null;
	startedBy: string | null;
	presenter: { id: string; name: string } | null;
	currentItem: number;
	agenda: AgendaItemView[];
	attendance: { id: string; name: string; joinedAt: string }[];
}

/** What the board fetches: the running meeting (null: none), the plan's members for owners. */
export interface MeetingFeed {
	meeting: MeetingView | null;
	members: { id: string; name: string }[];
	serverNow: string;
}

/** A cell or row a decision concerns, with its name as it was when the decision was taken. */
export interface DecisionRef {
	ownerId: string;
	measureId: string | null;
	period: string | null;
	label: string;
}

export interface Decision {
	id: string;
	planId: string;
	planName: string;
	meetingId: string | null;
	text: string;
	ownerId: string | null;
	ownerName: string | null;
	dueDate: string | null;
	refs: DecisionRef[];
	status: 'open' | 'done';
	createdBy: string | null;
	createdAt: string;
	doneAt: string | null;
	doneBy: string | null;
}
