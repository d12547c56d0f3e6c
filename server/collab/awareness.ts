import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { CLOSE_TOO_FAST, CLOSE_TOO_LARGE } from '../../src/lib/sync/protocol.ts';
import type { TokenBucket } from '../../src/lib/server/token-bucket.ts';
import { meetingPresenceProblem } from '../../src/lib/domain/meeting/follow.ts';
import { ProtocolError } from './protocol.ts';

/** What every awareness state of a connection says about its person, as the server knows them. */
export interface VerifiedUser {
	id: string;
	name: string;
	color: string;
}

/** How much presence one connection may publish. */
export interface PresenceLimits {
	/** Bytes of one state's JSON. */
	stateBytes: number;
	/** Spent once per state the connection publishes (not for the others' states it echoes). */
	rate: TokenBucket;
}

/** A y-websocket client has one awareness client ID per document; a few spare cover ID changes. */
const MAX_CLAIMS_PER_OWNER = 8;

/** Which connection speaks for which awareness client ID, so no one can overwrite another's presence. */
export class AwarenessClaims<Owner> {
	private readonly owners = new Map<number, Owner>();
	private readonly byOwner = new Map<Owner, Set<number>>();

	ownerOf(clientId: number): Owner | undefined {
		return this.owners.get(clientId);
	}

	countOf(owner: Owner): number {
		return this.byOwner.get(owner)?.size ?? 0;
	}

	claim(clientId: number, owner: Owner): void {
		this.owners.set(clientId, owner);
		let ids = this.byOwner.get(owner);
		if (!ids) this.byOwner.set(owner, (ids = new Set()));
		ids.add(clientId);
	}

	/** Forgets the owner and returns the client IDs it spoke for. */
	release(owner: Owner): number[] {
		const ids = [...(this.byOwner.get(owner) ?? [])];
		this.byOwner.delete(owner);
		for (const id of ids) this.owners.delete(id);
		return ids;
	}
}

/**
 * Rewrites an awareness update from `owner` so that it speaks only for client IDs that owner holds
 * and carries the server-verified user. Returns null when nothing is left to apply.
 *
 * An unclaimed ID is claimed only by news (a newer clock): y-websocket clients echo every state
 * they receive, and a late echo of someone who just left must not take over their ID.
 */
export function sanitizeAwarenessUpdate<Owner>(
	update: Uint8Array,
	awareness: Awareness,
	claims: AwarenessClaims<Owner>,
	owner: Owner,
	user: VerifiedUser,
	limits: PresenceLimits
): Uint8Array | null {
	const entries = readEntries(update);
	const kept: Entry[] = [];
	for (const entry of entries) {
		const holder = claims.ownerOf(entry.clientId);
		if (holder !== undefined && holder !== owner) continue;
		if (holder === undefined) {
			const known = awareness.meta.get(entry.clientId)?.clock ?? 0;
			if (entry.state === null || entry.clock <= known) continue;
			if (claims.countOf(owner) >= MAX_CLAIMS_PER_OWNER) continue;
			claims.claim(entry.clientId, owner);
		}
		if (entry.bytes > limits.stateBytes) {
			throw new ProtocolError(`presence state over ${limits.stateBytes} bytes`, CLOSE_TOO_LARGE);
		}
		// Followers' boards move with the presenter's fields: those are checked, not just relayed.
		const problem = entry.state && meetingPresenceProblem(entry.state);
		if (problem) throw new ProtocolError(problem);
		kept.push({
			...entry,
			state: entry.state === null ? null : { ...entry.state, user: { ...user } }
		});
	}
	// y-websocket clients echo everyone's presence; only what this connection publishes counts.
	if (kept.length > 0 && !limits.rate.take(kept.length)) {
		throw new ProtocolError('too many presence updates', CLOSE_TOO_FAST);
	}
	return kept.length === 0 ? null : writeEntries(kept);
}

interface Entry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
	/** Size of the state's JSON as sent. */
	bytes: number;
}

function readEntries(update: Uint8Array): Entry[] {
	const decoder = decoding.createDecoder(update);
	const entries: Entry[] = [];
	try {
		const count = decoding.readVarUint(decoder);
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const json = decoding.readVarString(decoder);
			const state: unknown = JSON.parse(json);
			if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
				throw new ProtocolError('awareness state is not an object');
			}
			entries.push({
				clientId,
				clock,
				state: state as Record<string, unknown> | null,
				bytes: Buffer.byteLength(json)
			});
		}
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError('invalid awareness update');
	}
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in awareness update');
	return entries;
}

function writeEntries(entries: Entry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clientId, clock, state } of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}
