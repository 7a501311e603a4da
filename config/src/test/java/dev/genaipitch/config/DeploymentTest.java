package dev.genaipitch.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the deployment without a cluster or a container engine: the Dockerfile,
 * the Kubernetes manifests and the systemd unit parse, have what a platform team needs, run the
 * launcher's JVM flags, and name only settings the code reads (with secrets from a Secret).
 */
final class DeploymentTest {

  private static final Path ROOT = Path.of("..");
  private static final Path BASE = ROOT.resolve("deploy/k8s/base");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seconds after SHUTDOWN_TIMEOUT that a stop may still take: Slack's drains, report lines. */
  private static final int DRAINS_AFTER_REQUESTS = 20;

  // ---- Dockerfile

  @Test
  void dockerfile_buildsInOneStageAndRunsInASlimOne() throws IOException {
    List<Instruction> file = dockerfile();

    List<Instruction> froms = file.stream().filter(i -> i.is("FROM")).toList();
    assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
    assertThat(froms.get(0).args()).matches("\\S+ (?i:AS) build");
    assertThat(last(file, "FROM").args()).contains("jre").doesNotContainIgnoringCase(" as ");
    assertThat(file.stream().filter(i -> i.is("COPY") && i.args().startsWith("--from=build")))
        .extracting(Instruction::args)
        .anySatisfy(a -> assertThat(a).contains("app/target/genai-pitch.jar"))
        .anySatisfy(a -> assertThat(a).contains("app/target/lib"));
  }

  @Test
  void dockerfile_runsAsANonRootUserWithTheLaunchersFlags() throws IOException {
    List<Instruction> run = finalStage(dockerfile());

    String user = last(run, "USER").args();
    assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
    List<String> entrypoint = execForm(last(run, "ENTRYPOINT"));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.subList(1, entrypoint.size()))
        .startsWith(launcherFlags().toArray(String[]::new))
        .containsSequence("-jar", "/app/genai-pitch.jar");
    assertThat(execForm(last(run, "CMD"))).containsExactly("serve");
    assertThat(last(run, "STOPSIGNAL").args()).isEqualTo("SIGTERM");
  }

  @Test
  void dockerfile_checksHealthAndExposesThePort() throws IOException {
    List<Instruction> run = finalStage(dockerfile());

    Instruction health = last(run, "HEALTHCHECK");
    assertThat(health.args()).contains("--interval=", "--timeout=", "CMD", "/healthz", " 200 ");
    Map<String, String> env = env(run);
    assertThat(last(run, "EXPOSE").args()).isEqualTo(env.getOrDefault("PORT", "3000"));
    assertThat(env.keySet()).allSatisfy(DeploymentTest::isASetting);
    assertThat(env.keySet()).noneMatch(name -> Setting.byEnv(name).orElseThrow().secret());
    // Edited guide content is mounted here (GUIDE_DIR=/guide), as in the Kubernetes overlay.
    assertThat(execForm(last(run, "VOLUME"))).containsExactly("/guide");
  }

  // ---- Kubernetes

  @Test
  void kustomization_listsFilesThatParse() throws IOException {
    JsonNode kustomization = yaml(BASE.resolve("kustomization.yaml"));

    assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
    List<String> kinds = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      JsonNode doc = yaml(BASE.resolve(resource.asText()));
      assertThat(doc.path("apiVersion").asText()).as(resource.asText()).isNotEmpty();
      assertThat(doc.path("metadata").path("name").asText()).isEqualTo("genai-pitch");
      kinds.add(doc.path("kind").asText());
    }
    assertThat(kinds).containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget");
  }

  @Test
  void deployment_runsTwoReplicasWithProbesAndResources() throws IOException {
    JsonNode deployment = yaml(BASE.resolve("deployment.yaml"));
    JsonNode container = container(deployment);

    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(probe(container, "readinessProbe")).isEqualTo("/readyz");
    assertThat(probe(container, "livenessProbe")).isEqualTo("/healthz");
    assertThat(probe(container, "startupProbe")).isEqualTo("/healthz");
    JsonNode resources = container.path("resources");
    long requested = mebibytes(resources.path("requests").path("memory").asText());
    long limit = mebibytes(resources.path("limits").path("memory").asText());
    assertThat(requested).isPositive().isLessThanOrEqualTo(limit);
    // The heap is capped by -Xmx; the rest (metaspace, code, threads, buffers) is measured in
    // docs/deploy.md.
    assertThat(limit).isGreaterThanOrEqualTo(2 * heapMebibytes());
    assertThat(millicores(resources.path("requests").path("cpu").asText()))
        .isPositive()
        .isLessThanOrEqualTo(millicores(resources.path("limits").path("cpu").asText()));
    assertThat(container.path("ports").get(0).path("containerPort").asText())
        .isEqualTo(envValues(container).get("PORT"));
  }

  @Test
  void deployment_namesOnlySettingsTheCodeReads_andTakesSecretsFromTheSecret() throws IOException {
    JsonNode container = container(yaml(BASE.resolve("deployment.yaml")));
    JsonNode secret = yaml(ROOT.resolve("deploy/k8s/secret.example.yaml"));

    for (JsonNode var : container.path("env")) {
      String name = var.path("name").asText();
      assertThat(name).satisfies(DeploymentTest::isASetting);
      JsonNode ref = var.path("valueFrom").path("secretKeyRef");
      if (Setting.byEnv(name).orElseThrow().secret()) {
        assertThat(var.has("value")).as("%s is a secret: never a literal", name).isFalse();
        assertThat(ref.path("name").asText()).as(name).isEqualTo("genai-pitch");
      }
      if (!ref.isMissingNode()) {
        assertThat(ref.path("key").asText()).isEqualTo(name);
        assertThat(secret.path("stringData").has(name))
            .as("%s in the example Secret", name)
            .isTrue();
      }
    }
    assertThat(secret.path("stringData").fieldNames())
        .toIterable()
        .allSatisfy(DeploymentTest::isASetting);
    assertThat(envNames(container)).contains("REDIS_URL", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN");
  }

  @Test
  void deployment_givesAStopTimeToDrainAfterItsPreStop() throws IOException {
    JsonNode deployment = yaml(BASE.resolve("deployment.yaml"));
    JsonNode container = container(deployment);

    List<String> preStop = new ArrayList<>();
    container
        .path("lifecycle")
        .path("preStop")
        .path("exec")
        .path("command")
        .forEach(c -> preStop.add(c.asText()));
    assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
    long shutdown =
        seconds(
            envValues(container)
                .getOrDefault("SHUTDOWN_TIMEOUT", Setting.SHUTDOWN_TIMEOUT.defaultValue()));
    assertThat(
            deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("terminationGracePeriodSeconds")
                .asLong())
        .isGreaterThanOrEqualTo(Long.parseLong(preStop.get(1)) + shutdown + DRAINS_AFTER_REQUESTS);
  }

  @Test
  void deployment_runsAsTheImagesNonRootUserOnAReadOnlyFileSystem() throws IOException {
    JsonNode spec =
        yaml(BASE.resolve("deployment.yaml")).path("spec").path("template").path("spec");
    JsonNode container = container(yaml(BASE.resolve("deployment.yaml")));

    assertThat(spec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    String uid = last(finalStage(dockerfile()), "USER").args().split(":")[0];
    assertThat(spec.path("securityContext").path("runAsUser").asText()).isEqualTo(uid);
    JsonNode security = container.path("securityContext");
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
  }

  @Test
  void serviceAndBudget_selectTheDeploymentsPods() throws IOException {
    JsonNode deployment = yaml(BASE.resolve("deployment.yaml"));
    JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
    JsonNode service = yaml(BASE.resolve("service.yaml"));
    JsonNode pdb = yaml(BASE.resolve("pdb.yaml"));

    assertThat(selects(service.path("spec").path("selector"), labels)).isTrue();
    assertThat(selects(pdb.path("spec").path("selector").path("matchLabels"), labels)).isTrue();
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
        .isEqualTo(container(deployment).path("ports").get(0).path("name").asText());
    assertThat(pdb.path("spec").path("minAvailable").asInt())
        .isBetween(1, deployment.path("spec").path("replicas").asInt() - 1);
  }

  @Test
  void customGuideOverlay_mountsTheConfigMapWhereGuideDirPoints() throws IOException {
    Path overlay = ROOT.resolve("deploy/k8s/overlays/custom-guide");
    JsonNode kustomization = yaml(overlay.resolve("kustomization.yaml"));
    JsonNode patch =
        yaml(overlay.resolve(kustomization.path("patches").get(0).path("path").asText()));
    JsonNode container = container(patch);

    assertThat(kustomization.path("resources").get(0).asText()).isEqualTo("../../base");
    assertThat(envNames(container)).allSatisfy(DeploymentTest::isASetting);
    assertThat(container.path("volumeMounts").get(0).path("mountPath").asText())
        .isEqualTo(envValues(container).get("GUIDE_DIR"));
  }

  // ---- systemd

  @Test
  void systemdUnit_runsTheLaunchersFlagsAsItsOwnUserAndStopsGracefully() throws IOException {
    Map<String, List<String>> service = unit(ROOT.resolve("deploy/systemd/genai-pitch.service"));

    assertThat(service.get("User")).singleElement().isNotEqualTo("root");
    List<String> exec = List.of(service.get("ExecStart").get(0).split(" +"));
    assertThat(exec.subList(1, exec.size()))
        .startsWith(launcherFlags().toArray(String[]::new))
        .endsWith("serve");
    assertThat(service.get("KillSignal")).containsExactly("SIGTERM");
    Map<String, String> env = new LinkedHashMap<>();
    for (String assignment : service.get("Environment")) {
      env.put(
          assignment.substring(0, assignment.indexOf('=')),
          assignment.substring(assignment.indexOf('=') + 1));
    }
    assertThat(env.keySet()).allSatisfy(DeploymentTest::isASetting);
    long shutdown =
        seconds(env.getOrDefault("SHUTDOWN_TIMEOUT", Setting.SHUTDOWN_TIMEOUT.defaultValue()));
    assertThat(Long.parseLong(service.get("TimeoutStopSec").get(0)))
        .isGreaterThanOrEqualTo(shutdown + DRAINS_AFTER_REQUESTS);
    assertThat(service.get("RestartPreventExitStatus").get(0).split(" ")).contains("2", "3");
  }

  // ---- helpers

  /** One Dockerfile instruction, continuation lines joined. */
  record Instruction(String keyword, String args) {
    boolean is(String k) {
      return keyword.equals(k);
    }
  }

  private static List<Instruction> dockerfile() throws IOException {
    List<Instruction> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (pending.isEmpty() && (s.isEmpty() || s.startsWith("#"))) {
        continue;
      }
      if (s.endsWith("\\")) {
        pending.append(s, 0, s.length() - 1).append(' ');
        continue;
      }
      pending.append(s);
      String whole = pending.toString().strip();
      pending.setLength(0);
      int space = whole.indexOf(' ');
      assertThat(space).as("instruction with arguments: %s", whole).isPositive();
      String keyword = whole.substring(0, space);
      assertThat(keyword)
          .as("a Dockerfile instruction")
          .isIn(
              "FROM",
              "RUN",
              "CMD",
              "LABEL",
              "EXPOSE",
              "ENV",
              "ADD",
              "COPY",
              "ENTRYPOINT",
              "VOLUME",
              "USER",
              "WORKDIR",
              "ARG",
              "STOPSIGNAL",
              "HEALTHCHECK",
              "SHELL");
      out.add(new Instruction(keyword, whole.substring(space + 1).strip()));
    }
    assertThat(pending.toString()).as("no dangling continuation").isEmpty();
    return out;
  }

  private static List<Instruction> finalStage(List<Instruction> file) {
    int from = 0;
    for (int i = 0; i < file.size(); i++) {
      if (file.get(i).is("FROM")) {
        from = i;
      }
    }
    return file.subList(from, file.size());
  }

  private static Instruction last(List<Instruction> file, String keyword) {
    Instruction found = null;
    for (Instruction i : file) {
      if (i.is(keyword)) {
        found = i;
      }
    }
    assertThat(found).as("a %s instruction", keyword).isNotNull();
    return found;
  }

  private static List<String> execForm(Instruction instruction) throws IOException {
    JsonNode array = JSON.readTree(instruction.args());
    assertThat(array.isArray()).as("%s in exec form", instruction.keyword()).isTrue();
    List<String> out = new ArrayList<>();
    array.forEach(a -> out.add(a.asText()));
    return out;
  }

  /** ENV NAME=value pairs of a stage (the key=value form). */
  private static Map<String, String> env(List<Instruction> stage) {
    Map<String, String> env = new LinkedHashMap<>();
    Matcher m = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S*)").matcher("");
    for (Instruction i : stage) {
      if (i.is("ENV")) {
        m.reset(i.args());
        while (m.find()) {
          env.put(m.group(1), m.group(2));
        }
      }
    }
    return env;
  }

  /** The JVM flags the launcher runs with: its {@code flags=(...)} line. */
  private static List<String> launcherFlags() throws IOException {
    for (String line : Files.readAllLines(ROOT.resolve("genai-pitch"), StandardCharsets.UTF_8)) {
      if (line.startsWith("flags=(-")) {
        return List.of(line.substring("flags=(".length(), line.length() - 1).split(" "));
      }
    }
    throw new AssertionError("no flags=(...) line in ./genai-pitch");
  }

  private static long heapMebibytes() throws IOException {
    String xmx =
        launcherFlags().stream().filter(f -> f.startsWith("-Xmx")).findFirst().orElseThrow();
    return mebibytes(
        xmx.substring(4).toUpperCase(Locale.ROOT).replace("M", "Mi").replace("G", "Gi"));
  }

  private static JsonNode yaml(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }

  private static JsonNode container(JsonNode deployment) {
    JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  private static String probe(JsonNode container, String name) {
    JsonNode get = container.path(name).path("httpGet");
    assertThat(get.path("port").asText()).as(name).isEqualTo("http");
    return get.path("path").asText();
  }

  private static List<String> envNames(JsonNode container) {
    return container.path("env").findValuesAsText("name");
  }

  private static Map<String, String> envValues(JsonNode container) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode var : container.path("env")) {
      if (var.has("value")) {
        values.put(var.path("name").asText(), var.path("value").asText());
      }
    }
    return values;
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    assertThat(selector.size()).isPositive();
    var fields = selector.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
        return false;
      }
    }
    return true;
  }

  private static void isASetting(String name) {
    assertThat(Setting.byEnv(name)).as("%s is a setting the code reads", name).isPresent();
  }

  private static long mebibytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
    assertThat(m.matches()).as("a quantity in Mi or Gi: %s", quantity).isTrue();
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("Gi") ? n * 1024 : n;
  }

  private static long millicores(String quantity) {
    return quantity.endsWith("m")
        ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
        : Math.round(Double.parseDouble(quantity) * 1000);
  }

  private static long seconds(String duration) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m)?").matcher(duration);
    assertThat(m.matches()).isTrue();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n).toSeconds();
      case "m" -> n * 60;
      default -> n;
    };
  }

  /** A systemd unit's [Service] keys, each with all its values in order. */
  private static Map<String, List<String>> unit(Path file) throws IOException {
    Map<String, List<String>> service = new LinkedHashMap<>();
    String section = "";
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
        continue;
      }
      if (s.startsWith("[")) {
        assertThat(s).matches("\\[(Unit|Service|Install)\\]");
        section = s;
        continue;
      }
      assertThat(s).as("key=value in %s", section).contains("=");
      if (section.equals("[Service]")) {
        service
            .computeIfAbsent(s.substring(0, s.indexOf('=')), k -> new ArrayList<>())
            .add(s.substring(s.indexOf('=') + 1));
      }
    }
    return service;
  }
}
