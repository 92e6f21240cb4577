#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: self time by method, and inclusive time of the token path's parts.
Usage: bench/side-by-side/profile.py recording.jfr [thread-name-prefix...]"""
import collections, re, subprocess, sys

recording = sys.argv[1]
threads = sys.argv[2:]
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
    "JIT/GC and other non-Java": r"^$",
}
events = text.split("jdk.ExecutionSample")
self_counts = collections.Counter()
parts = collections.Counter()
total = 0
for event in events[1:]:
    thread = re.search(r'sampledThread = "([^"]*)"', event)
    if threads and (not thread or not any(thread.group(1).startswith(t) for t in threads)):
        continue
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M)
    if not frames:
        continue
    total += 1
    self_counts[frames[0]] += 1
    stack = "\n".join(frames)
    for name, pattern in PARTS.items():
        if pattern != r"^$" and re.search(pattern, stack):
            parts[name] += 1
print(f"{total} CPU samples" + (f" on threads {', '.join(threads)}" if threads else ""))
print("\ninclusive share of the token path's parts:")
for name, count in parts.most_common():
    print(f"  {100.0 * count / total:5.1f} %  {name}")
print("\ntop methods by self time:")
for method, count in self_counts.most_common(25):
    print(f"  {100.0 * count / total:5.1f} %  {method}")
