#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: self time by method, and inclusive time of the token path's parts.
Usage: bench/side-by-side/profile.py recording.jfr [--from HH:MM:SS] [--to HH:MM:SS] [thread-name-prefix...]
(--from/--to: only the samples of that window, e.g. one phase of the benchmark's log)"""
import collections, re, subprocess, sys

recording = sys.argv[1]
arguments = sys.argv[2:]
window = {"--from": "00:00:00", "--to": "99:99:99"}
for option in ("--from", "--to"):
    if option in arguments:
        at = arguments.index(option)
        window[option] = arguments[at + 1]
        del arguments[at:at + 2]
threads = arguments
text = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", "jdk.ExecutionSample", recording],
                      capture_output=True, text=True, check=True).stdout
PARTS = {
    "RS256/ES256 signing": r"RSASSASigner\.sign|ECDSASigner\.sign",
    "bcrypt": r"BCrypt\.",
    "client secret digest (HMAC)": r"VerifiedClientSecrets\.",
    "JWT claims/JSON (Nimbus)": r"com\.nimbusds\.jose\.util\.JSONObjectUtils|com\.nimbusds\.jwt\.JWTClaimsSet\.(toJSONObject|parse)",
    "authorization JSON codec (Jackson)": r"AuthorizationJsonCodec\.",
    "Redis (Lettuce, blocking waits excluded)": r"io\.lettuce\.",
    "Redis authorization store": r"RedisOAuth2AuthorizationService\.",
    "replay guard": r"TokenReplayDefense\.|TokenReplayGuard\.",
    "SAS providers": r"org\.springframework\.security\.oauth2\.server\.authorization\.authentication\.",
    "token response JSON": r"TokenResponses\.|AbstractJackson2Encoder|JacksonJsonEncoder",
    "HTTP (Reactor Netty / Netty)": r"reactor\.netty\.|io\.netty\.",
    "TLS handshakes": r"sun\.security\.ssl\.",
    "PKIX path validation": r"sun\.security\.provider\.certpath\.",
    "context propagation (thread locals restored per operator)": r"io\.micrometer\.context\.|ContextPropagation|RestoringThreadLocals",
    "Micrometer observations": r"io\.micrometer\.observation\.",
    "R2DBC (PostgreSQL driver, pool)": r"io\.r2dbc\.",
    "audit trail": r"AuditTrail\.|TokenEventBatches\.",
    "Spring Security web filters": r"org\.springframework\.security\.web\.server\.",
    "fat-jar class/resource lookup (Boot loader)": r"org\.springframework\.boot\.loader\.",
    "JIT/GC and other non-Java": r"^$",
}
events = text.split("jdk.ExecutionSample")
self_counts = collections.Counter()
package_counts = collections.Counter()
parts = collections.Counter()
total = 0
for event in events[1:]:
    at = re.search(r"startTime = ([0-9:]+)", event)
    if at and not (window["--from"] <= at.group(1) <= window["--to"]):
        continue
    thread = re.search(r'sampledThread = "([^"]*)"', event)
    if threads and (not thread or not any(thread.group(1).startswith(t) for t in threads)):
        continue
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M)
    if not frames:
        continue
    total += 1
    self_counts[frames[0]] += 1
    # self time by library: the first frame outside the JDK (java.*, jdk.*, sun.*) names who spent it
    owner = next((f for f in frames if not re.match(r"(java|javax|jdk|sun)\.", f)), frames[0])
    package_counts[".".join(owner.split(".")[:3])] += 1
    stack = "\n".join(frames)
    for name, pattern in PARTS.items():
        if pattern != r"^$" and re.search(pattern, stack):
            parts[name] += 1
print(f"{total} CPU samples" + (f" on threads {', '.join(threads)}" if threads else ""))
print("\ninclusive share of the token path's parts:")
for name, count in parts.most_common():
    print(f"  {100.0 * count / total:5.1f} %  {name}")
print("\nself time by library (first frame outside the JDK):")
for package, count in package_counts.most_common(20):
    print(f"  {100.0 * count / total:5.1f} %  {package}")
print("\ntop methods by self time:")
for method, count in self_counts.most_common(25):
    print(f"  {100.0 * count / total:5.1f} %  {method}")
