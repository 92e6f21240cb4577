package io.healthid.idp.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The package graph as a reader sees it: a package depends on each of ours it imports or names in full. */
final class SourceImports {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.healthid\\.[\\w.]+)");

    private SourceImports() {
    }

    /** Each package of the source tree and the packages of ours its files refer to. */
    static Map<String, Set<String>> read(Path sourceRoot) throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                sources.put(file.toString(), Files.readString(file));
            }
        }
        Set<String> packages = new HashSet<>();
        for (String source : sources.values()) {
            packages.add(packageOf(source));
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String source : sources.values()) {
            String own = packageOf(source);
            Set<String> targets = graph.computeIfAbsent(own, key -> new TreeSet<>());
            String body = PACKAGE.matcher(source).replaceFirst("");
            Matcher reference = REFERENCE.matcher(body);
            while (reference.find()) {
                String target = longestPackage(reference.group(1), packages);
                if (target != null && !target.equals(own)) {
                    targets.add(target);
                }
            }
        }
        return graph;
    }

    /** The strongly connected sets of more than one package (Tarjan), each sorted. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).run();
    }

    private static String packageOf(String source) {
        Matcher matcher = PACKAGE.matcher(source);
        if (!matcher.find()) {
            throw new IllegalStateException("a source file without a package");
        }
        return matcher.group(1);
    }

    private static String longestPackage(String name, Set<String> packages) {
        for (String candidate = name; candidate.contains("."); candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (packages.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static final class Tarjan {

        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> run() {
            for (String node : this.graph.keySet()) {
                if (!this.index.containsKey(node)) {
                    visit(node);
                }
            }
            return this.found;
        }

        private void visit(String node) {
            this.index.put(node, this.index.size());
            this.low.put(node, this.index.get(node));
            this.stack.push(node);
            this.onStack.add(node);
            for (String next : this.graph.getOrDefault(node, Set.of())) {
                if (!this.index.containsKey(next)) {
                    visit(next);
                    this.low.put(node, Math.min(this.low.get(node), this.low.get(next)));
                }
                else if (this.onStack.contains(next)) {
                    this.low.put(node, Math.min(this.low.get(node), this.index.get(next)));
                }
            }
            if (this.low.get(node).equals(this.index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = this.stack.pop();
                    this.onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    this.found.add(component);
                }
            }
        }
    }
}
