export async function browserStage(_options: Record<string, unknown>): Promise<void> {
	throw new Error('browser stage not written yet');
}
