// End-to-end authorization code flow against the running IdP, driven by the OpenID-certified relying-party
// library openid-client (https://github.com/panva/openid-client). The library does the protocol checks:
// discovery issuer, RFC 9207 "iss" response parameter, state, PKCE, ID token signature (JWKS), iss, aud, exp,
// iat, nonce, userinfo "sub". This script only plays the browser (it follows the redirects itself) and adds the
// checks the library leaves to the application (at_hash, expected claim values).
//
// Environment: ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, NATIONAL_ID, and optionally
// POST_LOGOUT_REDIRECT_URI (default: the origin of REDIRECT_URI followed by "/").
// Output: one JSON line per step on stdout ({"step": ..., "ok": true, ...}); exit code 0 when every step passed,
// 1 at the first failure (its line has "ok": false and the library's error).

import * as client from 'openid-client';
import { createHash } from 'node:crypto';
import { check, expectRejected, fail, report, step } from './steps.mjs';

const env = (name, fallback) => {
    const value = process.env[name] ?? fallback;
    if (value === undefined || value === '') {
        fail('setup', new Error(`environment variable ${name} is required`));
    }
    return value;
};

const ISSUER = env('ISSUER');
const CLIENT_ID = env('CLIENT_ID');
const CLIENT_SECRET = env('CLIENT_SECRET');
const REDIRECT_URI = env('REDIRECT_URI');
const NATIONAL_ID = env('NATIONAL_ID');
const POST_LOGOUT_REDIRECT_URI = env('POST_LOGOUT_REDIRECT_URI', new URL('/', REDIRECT_URI).href);

/** A browser that keeps cookies and follows nothing by itself. */
class Browser {
    #cookies = new Map();

    async get(url) {
        const headers = {};
        if (this.#cookies.size) {
            headers.cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
        }
        const response = await fetch(url, { redirect: 'manual', headers });
        for (const cookie of response.headers.getSetCookie()) {
            const [pair, ...attributes] = cookie.split(';');
            const index = pair.indexOf('=');
            const name = pair.slice(0, index).trim();
            const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
            if (expired) {
                this.#cookies.delete(name);
            } else {
                this.#cookies.set(name, pair.slice(index + 1).trim());
            }
        }
        return response;
    }

    /** GET and expect a 302; returns where it points (absolute). */
    async redirectFrom(url) {
        const response = await this.get(url);
        const location = response.headers.get('location');
        if (response.status !== 302 || !location) {
            const body = await response.text();
            throw new Error(`expected a 302 from ${url}, got ${response.status}: ${body.slice(0, 500)}`);
        }
        return new URL(location, url);
    }

    /** Authorization request → login page → test authenticator → the relying party's redirect URI. */
    async signIn(authorizationUrl, nationalId, redirectUri) {
        const login = await this.redirectFrom(authorizationUrl);
        check(login.pathname.endsWith('/login-actions/authenticate'), `expected the login page, was sent to ${login}`);
        const tx = login.searchParams.get('tx');
        check(tx, `the login page URL has no tx: ${login}`);
        const testLogin = new URL('/test-login', ISSUER);
        testLogin.searchParams.set('tx', tx);
        testLogin.searchParams.set('idnat', nationalId);
        const callback = await this.redirectFrom(testLogin);
        check(callback.href.startsWith(redirectUri + '?'), `expected a redirect to ${redirectUri}, got ${callback}`);
        return callback;
    }
}

async function authorizationRequest(config, redirectUri) {
    const pkceCodeVerifier = client.randomPKCECodeVerifier();
    const request = {
        pkceCodeVerifier,
        state: client.randomState(),
        nonce: client.randomNonce(),
    };
    request.url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid scope_all',
        acr_values: 'eidas1',
        code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
        code_challenge_method: 'S256',
        state: request.state,
        nonce: request.nonce,
    });
    return request;
}

function atHash(accessToken, alg) {
    const bits = { 256: 'sha256', 384: 'sha384', 512: 'sha512' }[alg.slice(-3)];
    const digest = createHash(bits).update(accessToken, 'ascii').digest();
    return digest.subarray(0, digest.length / 2).toString('base64url');
}

function header(jwt) {
    return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

// --- 1. Discovery: the library requires the discovered "issuer" to equal ISSUER exactly.
const config = await step('discovery', async () => {
    const discovered = await client.discovery(new URL(ISSUER), CLIENT_ID, CLIENT_SECRET,
        client.ClientSecretBasic(CLIENT_SECRET), { execute: [client.allowInsecureRequests] });
    const metadata = discovered.serverMetadata();
    check(metadata.end_session_endpoint, 'no end_session_endpoint in the discovery document');
    report('discovery', {
        issuer: metadata.issuer,
        authorization_response_iss_parameter_supported:
            metadata.authorization_response_iss_parameter_supported === true,
        code_challenge_methods_supported: metadata.code_challenge_methods_supported,
    });
    return discovered;
});

// --- 2. Authorization request, played by a browser (no redirect followed automatically).
const browser = new Browser();
const request = await authorizationRequest(config, REDIRECT_URI);
const callback = await step('authorize', async () => {
    const url = await browser.signIn(request.url, NATIONAL_ID, REDIRECT_URI);
    report('authorize', {
        callback: url.origin + url.pathname,
        parameters: [...new Set(url.searchParams.keys())].sort(),
        iss: url.searchParams.get('iss'),
    });
    return url;
});

// --- 3. Tampered callbacks are refused by the library before the code is redeemed.
await expectRejected('tampered-state', async () => {
    const tampered = new URL(callback);
    tampered.searchParams.set('state', client.randomState());
    await client.authorizationCodeGrant(config, tampered, {
        pkceCodeVerifier: request.pkceCodeVerifier, expectedState: request.state, expectedNonce: request.nonce,
    });
}, 'state does not match');
await expectRejected('tampered-iss', async () => {
    const tampered = new URL(callback);
    tampered.searchParams.set('iss', 'http://evil.example/auth/realms/esante-wallet');
    await client.authorizationCodeGrant(config, tampered, {
        pkceCodeVerifier: request.pkceCodeVerifier, expectedState: request.state, expectedNonce: request.nonce,
    });
}, 'RFC 9207 iss does not match');

// --- 4. Code grant: the library verifies iss (RFC 9207), state, PKCE, then the ID token (JWKS signature, iss, aud,
// exp, iat, nonce).
const tokens = await step('authorization-code-grant', async () => {
    const response = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: request.pkceCodeVerifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
    });
    const claims = response.claims();
    check(claims, 'no ID token in the token response');
    check(response.token_type.toLowerCase() === 'bearer', `token_type is ${response.token_type}`);
    check(response.refresh_token, 'no refresh_token in the token response');
    const alg = header(response.id_token).alg;
    if (claims.at_hash !== undefined) {
        const expected = atHash(response.access_token, alg);
        check(claims.at_hash === expected, `at_hash ${claims.at_hash} does not match the access token (${expected})`);
    }
    report('authorization-code-grant', {
        alg,
        kid: header(response.id_token).kid,
        iss: claims.iss,
        aud: claims.aud,
        sub: claims.sub,
        nonceMatches: claims.nonce === request.nonce,
        atHashChecked: claims.at_hash !== undefined,
        acr: claims.acr,
        SubjectNameID: claims.SubjectNameID,
        expires_in: response.expiresIn(),
    });
    return response;
});
const subject = tokens.claims().sub;

// --- 5. UserInfo: the library requires "sub" to equal the ID token's.
await step('userinfo', async () => {
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, subject);
    report('userinfo', { sub: userinfo.sub, SubjectNameID: userinfo.SubjectNameID, idTokenSub: subject });
});

// --- 6. Refresh: new tokens; the new ID token is verified again and keeps the subject.
const refreshed = await step('refresh', async () => {
    const response = await client.refreshTokenGrant(config, tokens.refresh_token);
    check(response.access_token && response.access_token !== tokens.access_token, 'no new access token');
    const claims = response.claims();
    if (claims) {
        check(claims.sub === subject, `the refreshed ID token's sub ${claims.sub} differs from ${subject}`);
    }
    report('refresh', {
        newAccessToken: true,
        rotatedRefreshToken: Boolean(response.refresh_token) && response.refresh_token !== tokens.refresh_token,
        idTokenSub: claims?.sub,
    });
    return response;
});

// --- 7. Introspection, revocation, introspection again.
await step('introspection', async () => {
    const introspection = await client.tokenIntrospection(config, refreshed.access_token);
    check(introspection.active === true, `the fresh access token is not active: ${JSON.stringify(introspection)}`);
    report('introspection', {
        active: introspection.active, sub: introspection.sub, client_id: introspection.client_id,
    });
});
await step('revocation', async () => {
    await client.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' });
    const after = await client.tokenIntrospection(config, refreshed.access_token);
    check(after.active === false, `the revoked access token is still active: ${JSON.stringify(after)}`);
    report('revocation', { activeAfterRevocation: after.active });
});

// --- 8. RP-initiated logout: back to the registered post_logout_redirect_uri with the state.
await step('end-session', async () => {
    const state = client.randomState();
    const url = client.buildEndSessionUrl(config, {
        id_token_hint: refreshed.id_token ?? tokens.id_token,
        post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI,
        state,
    });
    const back = await browser.redirectFrom(url);
    check(back.origin + back.pathname === new URL(POST_LOGOUT_REDIRECT_URI).href,
        `logout went to ${back}, expected ${POST_LOGOUT_REDIRECT_URI}`);
    check(back.searchParams.get('state') === state, `logout returned state ${back.searchParams.get('state')}`);
    report('end-session', { redirect: back.origin + back.pathname, stateReturned: true });
});

// --- 9. A second sign-in: an ID token whose nonce is not the one sent is refused by the library (the code has been
// redeemed by then); the same code presented again is refused by the server (invalid_grant). Done last: a replayed
// code makes the server revoke what that code gave.
const other = await authorizationRequest(config, REDIRECT_URI);
const otherCallback = await step('second-sign-in', async () => {
    const url = await new Browser().signIn(other.url, NATIONAL_ID, REDIRECT_URI);
    report('second-sign-in', { callback: url.origin + url.pathname });
    return url;
});
await expectRejected('wrong-nonce', () => client.authorizationCodeGrant(config, otherCallback, {
    pkceCodeVerifier: other.pkceCodeVerifier, expectedState: other.state, expectedNonce: client.randomNonce(),
}), 'ID token nonce does not match');
await expectRejected('code-reuse', () => client.authorizationCodeGrant(config, otherCallback, {
    pkceCodeVerifier: other.pkceCodeVerifier, expectedState: other.state, expectedNonce: other.nonce,
}), 'invalid_grant for a used code');

report('done', { sub: subject });
