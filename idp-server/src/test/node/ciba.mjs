// CIBA (poll mode) against the running IdP, driven by the OpenID-certified relying-party library openid-client: the
// backchannel authentication request, then token polling with urn:openid:params:grant-type:ciba. The library checks
// the responses (auth_req_id, expires_in, the ID token's iss, aud, exp, iat, sub); the phone is the Java test's
// device, which answers the push and then creates a signal file this script waits for, so that the first poll finds
// the answer (the server's interval is long: a second poll in a row would be told slow_down, as CIBA Core 11 says).
//
// Environment: ISSUER, CLIENT_ID, CLIENT_SECRET, NATIONAL_ID, BINDING_MESSAGE, APPROVED_FILE, DENIED_FILE.
// Output: one JSON line per step on stdout ({"step": ..., "ok": true, ...}); exit code 0 when every step passed.

import * as client from 'openid-client';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, expectRejected, fail, report, step } from './steps.mjs';

const env = (name) => {
    const value = process.env[name];
    if (value === undefined || value === '') {
        fail('setup', new Error(`environment variable ${name} is required`));
    }
    return value;
};

const ISSUER = env('ISSUER');
const NATIONAL_ID = env('NATIONAL_ID');
const BINDING_MESSAGE = env('BINDING_MESSAGE');

/** Waits for the Java phone to have answered: it creates {@code file} once its signed answer was accepted. */
async function answered(name, file) {
    for (let waited = 0; waited < 30_000; waited += 100) {
        if (existsSync(file)) {
            report(name, { waitedMs: waited });
            return;
        }
        await sleep(100);
    }
    throw new Error(`the phone did not answer within 30 s (no ${file})`);
}

async function initiate(name) {
    return step(name, async () => {
        const response = await client.initiateBackchannelAuthentication(config, {
            scope: 'openid scope_all', login_hint: NATIONAL_ID, binding_message: BINDING_MESSAGE, acr_values: 'eidas1',
        });
        report(name, {
            authReqIdLength: response.auth_req_id.length, expires_in: response.expires_in, interval: response.interval,
        });
        return response;
    });
}

const config = await step('discovery', async () => {
    const discovered = await client.discovery(new URL(ISSUER), env('CLIENT_ID'), env('CLIENT_SECRET'),
        client.ClientSecretBasic(env('CLIENT_SECRET')), { execute: [client.allowInsecureRequests] });
    const metadata = discovered.serverMetadata();
    check(metadata.backchannel_authentication_endpoint, 'no backchannel_authentication_endpoint in discovery');
    report('discovery', {
        issuer: metadata.issuer,
        backchannel_token_delivery_modes_supported: metadata.backchannel_token_delivery_modes_supported,
    });
    return discovered;
});

// --- 1. Approved on the phone: tokens for the person named by login_hint.
const approved = await initiate('backchannel-request');
await step('phone-approves', () => answered('phone-approves', env('APPROVED_FILE')));
const tokens = await step('ciba-grant', async () => {
    // interval 0: poll at once, the phone has answered already
    const response = await client.pollBackchannelAuthenticationGrant(config, { ...approved, interval: 0 });
    const claims = response.claims();
    check(claims, 'no ID token in the token response');
    const userinfo = await client.fetchUserInfo(config, response.access_token, claims.sub);
    report('ciba-grant', {
        iss: claims.iss, aud: claims.aud, sub: claims.sub, acr: claims.acr, amr: claims.amr,
        userinfoSub: userinfo.sub, SubjectNameID: userinfo.SubjectNameID, authMode: userinfo.authMode,
        refreshToken: typeof response.refresh_token === 'string',
    });
    return response;
});

// --- 2. The same auth_req_id again: single use.
await expectRejected('auth-req-id-reuse', () => client.pollBackchannelAuthenticationGrant(config, { ...approved, interval: 0 }),
    'invalid_grant');

// --- 3. Refreshed without any browser session (CIBA tokens are a first-class case).
await step('refresh', async () => {
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    report('refresh', { sub: refreshed.claims()?.sub, rotatedRefreshToken: refreshed.refresh_token !== tokens.refresh_token });
});

// --- 4. Denied on the phone: access_denied for the poll.
const denied = await initiate('backchannel-request-denied');
await step('phone-denies', () => answered('phone-denies', env('DENIED_FILE')));
await expectRejected('ciba-denied', () => client.pollBackchannelAuthenticationGrant(config, { ...denied, interval: 0 }),
    'access_denied');

report('done');
