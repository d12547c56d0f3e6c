import type { Transport } from '@sveltejs/kit';
import { jsonText } from '$lib/json-text';

export const transport: Transport = { jsonText };
