/** What a page says while the database cannot be reached; the error pages retry by themselves. */
export const DATABASE_UNAVAILABLE = 'Database unavailable, retrying…';
