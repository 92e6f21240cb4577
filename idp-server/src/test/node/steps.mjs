// The step protocol shared by the openid-client scripts: one JSON line per step on stdout ({"step": ..., "ok": true,
// ...}), and at the first failure a line with "ok": false and the library's error, then exit code 1.

export function report(step, details = {}) {
    process.stdout.write(JSON.stringify({ step, ok: true, ...details }) + '\n');
}

export function fail(step, error) {
    const line = {
        step,
        ok: false,
        error: error?.message ?? String(error),
        code: error?.code,
        // openid-client puts what it received and what it expected in "cause" (response body, parameters, claims)
        cause: describe(error?.cause),
    };
    process.stdout.write(JSON.stringify(line) + '\n');
    process.stderr.write(`openid-client end-to-end: step "${step}" failed: ${line.error}\n`);
    process.exit(1);
}

function describe(cause) {
    if (cause === undefined || cause === null) {
        return undefined;
    }
    if (cause instanceof Response) {
        return { status: cause.status, headers: Object.fromEntries(cause.headers) };
    }
    if (cause instanceof Error) {
        return { error: cause.message, code: cause.code };
    }
    try {
        return JSON.parse(JSON.stringify(cause));
    } catch {
        return String(cause);
    }
}

export async function step(name, action) {
    try {
        return await action();
    } catch (error) {
        fail(name, error);
    }
}

export function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

/** Runs {@code action}, which openid-client must refuse; reports the refusal. */
export async function expectRejected(name, action, expected) {
    let error;
    try {
        await action();
    } catch (thrown) {
        error = thrown;
    }
    if (!error) {
        fail(name, new Error(`openid-client accepted it; expected a rejection (${expected})`));
    }
    report(name, {
        rejected: true,
        error: error.message,
        code: error.code,
        reason: error.cause?.message ?? error.error,
    });
}
