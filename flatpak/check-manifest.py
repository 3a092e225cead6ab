#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Static checks for Custody's Flatpak manifest.

CI cannot build the Flatpak (no Flathub runtime, no network), so this checks
what can be checked offline: the structure and types of the manifest, the
values flatpak-builder accepts, and the sandbox rules from
docs/ecosystem-notes.md section 2 (the finish-args rules follow
flatpak-builder-lint).

Usage: check-manifest.py [--app-id ID] [--command NAME] MANIFEST.json

Prints every problem found and exits 1 if there is any, 0 otherwise.
"""

import argparse
import json
import os
import re
import sys

BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}

SOURCE_TYPES = {
    "archive", "git", "bzr", "svn", "dir", "file", "script", "inline",
    "shell", "patch", "extra-data",
}

# Keys this project uses or may reasonably use. Anything else is most likely
# a typo, which flatpak-builder only reports as a warning.
TOP_KEYS = {
    "id", "app-id", "branch", "runtime", "runtime-version", "sdk",
    "sdk-extensions", "command", "finish-args", "cleanup", "cleanup-commands",
    "build-options", "modules", "add-extensions", "rename-desktop-file",
    "rename-icon", "rename-appdata-file", "desktop-file-name-suffix",
    "separate-locales",
}
MODULE_KEYS = {
    "name", "buildsystem", "builddir", "subdir", "config-opts", "make-args",
    "make-install-args", "build-commands", "post-install", "run-tests",
    "test-rule", "test-commands", "cleanup", "build-options", "sources",
    "modules", "disabled", "only-arches", "skip-arches", "no-autogen",
    "cleanup-platform",
}
SOURCE_KEYS = {
    "type", "path", "url", "sha256", "sha512", "tag", "commit", "branch",
    "dest", "dest-filename", "commands", "contents", "strip-components",
    "skip", "x-checker-data", "only-arches", "skip-arches", "paths",
    "use-git", "filename", "size", "mirror-urls", "disable-shallow-clone",
    "disable-submodules",
}

TOP_STRINGS = ("id", "app-id", "branch", "runtime", "runtime-version", "sdk",
               "command", "rename-desktop-file", "rename-icon",
               "rename-appdata-file", "desktop-file-name-suffix")
TOP_STRING_LISTS = ("finish-args", "cleanup", "cleanup-commands",
                    "sdk-extensions")
MODULE_STRINGS = ("name", "buildsystem", "builddir", "subdir", "test-rule")
MODULE_STRING_LISTS = ("config-opts", "make-args", "make-install-args",
                       "build-commands", "post-install", "test-commands",
                       "cleanup", "only-arches", "skip-arches",
                       "cleanup-platform")
MODULE_BOOLS = ("run-tests", "disabled", "no-autogen")
SOURCE_STRINGS = ("type", "path", "url", "sha256", "sha512", "tag", "commit",
                  "branch", "dest", "dest-filename", "contents", "filename")
SOURCE_STRING_LISTS = ("commands", "skip", "only-arches", "skip-arches",
                       "paths", "mirror-urls")

# finish-args that are never acceptable for Custody (ecosystem-notes §2.3).
FORBIDDEN_FILESYSTEMS = {"home", "host", "host-os", "host-etc"}
FORBIDDEN_TALK_NAMES = {"org.freedesktop.Flatpak", "org.freedesktop.secrets"}
FORBIDDEN_DEVICES = {"all"}

PROFILES = {"default", "development"}

# pkg-config names the GNOME runtime does not ship (ecosystem-notes §2.2),
# with the module that must build them before the app.
RUNTIME_LACKS = {
    "poppler-glib": "poppler",
    "libqrencode": "libqrencode",
    "zint": "zint",
    "libsodium": "libsodium",
    "libical": "libical",
    "libmicrohttpd": "libmicrohttpd",
    "jansson": "jansson",
}

# What a bundled module must switch off: what Custody never uses and the
# runtime does not have (Qt, NSS, GPGME), and its own tests.
MODULE_REQUIRED_OPTS = {
    "poppler": ["-DENABLE_GLIB=ON", "-DENABLE_QT5=OFF", "-DENABLE_QT6=OFF",
                "-DENABLE_NSS3=OFF", "-DENABLE_GPGME=OFF",
                "-DBUILD_GTK_TESTS=OFF", "-DBUILD_CPP_TESTS=OFF",
                "-DBUILD_QT5_TESTS=OFF", "-DBUILD_QT6_TESTS=OFF",
                "-DBUILD_MANUAL_TESTS=OFF"],
}

# Network access only once the app talks to a server (sync).
NETWORK_NEEDS = "libsoup-3.0"


class Checker:
    def __init__(self, path, app_id, command):
        self.path = path
        self.app_id = app_id
        self.command = command
        self.problems = []

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    # Generic type checks

    def check_keys(self, obj, allowed, where):
        for key in obj:
            if key.startswith("x-"):
                continue
            if key not in allowed:
                self.problem(where, f"unknown key '{key}'")

    def check_string(self, obj, key, where):
        if key in obj and not isinstance(obj[key], str):
            self.problem(where, f"'{key}' must be a string, "
                         f"not {type(obj[key]).__name__}")

    def check_string_list(self, obj, key, where):
        if key not in obj:
            return
        value = obj[key]
        if not isinstance(value, list):
            self.problem(where, f"'{key}' must be a list of strings")
            return
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(where, f"'{key}'[{i}] must be a string, "
                             f"not {type(item).__name__}")

    def check_bool(self, obj, key, where):
        if key in obj and not isinstance(obj[key], bool):
            self.problem(where, f"'{key}' must be true or false")

    def check_build_options(self, obj, where):
        if "build-options" in obj and not isinstance(obj["build-options"], dict):
            self.problem(where, "'build-options' must be an object")

    # Manifest parts

    def check_top(self, manifest):
        where = "manifest"
        self.check_keys(manifest, TOP_KEYS, where)
        for key in TOP_STRINGS:
            self.check_string(manifest, key, where)
        for key in TOP_STRING_LISTS:
            self.check_string_list(manifest, key, where)
        self.check_build_options(manifest, where)

        if "id" in manifest and "app-id" in manifest:
            self.problem(where, "use one of 'id' and 'app-id', not both")
        app_id = manifest.get("id", manifest.get("app-id"))
        if app_id is None:
            self.problem(where, "missing 'id'")
        elif app_id != self.app_id:
            self.problem(where, f"'id' is '{app_id}', expected '{self.app_id}'")

        expected_name = f"{self.app_id}.json"
        if os.path.basename(self.path) != expected_name:
            self.problem(where, f"file name should be '{expected_name}'")

        for key in ("runtime", "runtime-version", "sdk", "command",
                    "finish-args", "modules"):
            if key not in manifest:
                self.problem(where, f"missing '{key}'")

        runtime = manifest.get("runtime")
        sdk = manifest.get("sdk")
        if isinstance(runtime, str) and isinstance(sdk, str):
            if runtime.endswith(".Platform"):
                expected_sdk = runtime[:-len(".Platform")] + ".Sdk"
                if sdk != expected_sdk:
                    self.problem(where, f"'sdk' is '{sdk}', expected "
                                 f"'{expected_sdk}' to match '{runtime}'")

        command = manifest.get("command")
        if isinstance(command, str) and command != self.command:
            self.problem(where, f"'command' is '{command}', "
                         f"expected '{self.command}'")

    def check_finish_args(self, manifest):
        where = "finish-args"
        args = manifest.get("finish-args")
        if not isinstance(args, list):
            return
        seen = set()
        options = {}
        for arg in args:
            if not isinstance(arg, str):
                continue  # already reported
            if arg in seen:
                self.problem(where, f"'{arg}' appears twice")
            seen.add(arg)
            if not arg.startswith("--") or "=" not in arg:
                # Flag-only options such as --no-talk-name are rare; we use none.
                self.problem(where, f"'{arg}' is not of the form --option=value")
                continue
            option, value = arg[2:].split("=", 1)
            options.setdefault(option, set()).add(value)

        sockets = options.get("socket", set())
        shares = options.get("share", set())
        if "x11" in sockets and "fallback-x11" in sockets:
            self.problem(where, "use either --socket=x11 or "
                         "--socket=fallback-x11, not both")
        for x11 in ("x11", "fallback-x11"):
            if x11 in sockets and "ipc" not in shares:
                self.problem(where, f"--socket={x11} needs --share=ipc")
        if "fallback-x11" in sockets and "wayland" not in sockets:
            self.problem(where, "--socket=fallback-x11 needs --socket=wayland")
        if "wayland" in sockets and not sockets & {"x11", "fallback-x11"}:
            self.problem(where, "--socket=wayland alone: add "
                         "--socket=fallback-x11 (and --share=ipc)")

        if "network" in shares and not any(
                self.uses_dependency(NETWORK_NEEDS, d) for d in ("src/ui", "src/sync")):
            self.problem(where, "--share=network: the app makes no network "
                         "connection yet; add it when sync needs it")

        for value in sorted(options.get("filesystem", set())):
            base = value.split(":", 1)[0].rstrip("/")
            if base in FORBIDDEN_FILESYSTEMS or base.split("/", 1)[0] in ("~", "home"):
                self.problem(where, f"--filesystem={value}: no home or host "
                             "access; use the file chooser portal")
            else:
                self.problem(where, f"--filesystem={value}: Custody needs no "
                             "file system access; use the file chooser portal")

        for option in ("talk-name", "system-talk-name", "own-name"):
            for value in sorted(options.get(option, set())):
                for name in FORBIDDEN_TALK_NAMES:
                    if value == name or value.startswith(name + "."):
                        self.problem(where, f"--{option}={value} is not allowed")

        for value in sorted(options.get("device", set())):
            if value in FORBIDDEN_DEVICES:
                self.problem(where, f"--device={value}: keep drive access in "
                             "custodyctl on the host")

    def check_source(self, source, where):
        if not isinstance(source, dict):
            if isinstance(source, str):
                return  # a path to a JSON file of sources
            self.problem(where, "must be an object or a file name")
            return
        self.check_keys(source, SOURCE_KEYS, where)
        for key in SOURCE_STRINGS:
            self.check_string(source, key, where)
        for key in SOURCE_STRING_LISTS:
            self.check_string_list(source, key, where)
        kind = source.get("type")
        if kind is None:
            self.problem(where, "missing 'type'")
            return
        if not isinstance(kind, str):
            return
        if kind not in SOURCE_TYPES:
            self.problem(where, f"'type' is '{kind}', not one of "
                         f"{', '.join(sorted(SOURCE_TYPES))}")
            return
        if kind == "dir" and "path" not in source:
            self.problem(where, "a 'dir' source needs 'path'")
        if kind == "git" and "url" not in source and "path" not in source:
            self.problem(where, "a 'git' source needs 'url' or 'path'")
        if kind in ("archive", "file"):
            if "url" not in source and "path" not in source:
                self.problem(where, f"an '{kind}' source needs 'url' or 'path'")
            if "url" in source and "sha256" not in source and "sha512" not in source:
                self.problem(where, f"an '{kind}' source with 'url' needs 'sha256'")
        if kind == "git" and "url" in source and "tag" in source \
                and "commit" not in source:
            self.problem(where, "a 'git' source with 'tag' should pin 'commit'")

    def check_module(self, module, where, found):
        if isinstance(module, str):
            return  # a path to a JSON file holding the module
        if not isinstance(module, dict):
            self.problem(where, "must be an object or a file name")
            return
        name = module.get("name")
        if isinstance(name, str):
            where = f"module '{name}'"
        self.check_keys(module, MODULE_KEYS, where)
        for key in MODULE_STRINGS:
            self.check_string(module, key, where)
        for key in MODULE_STRING_LISTS:
            self.check_string_list(module, key, where)
        for key in MODULE_BOOLS:
            self.check_bool(module, key, where)
        self.check_build_options(module, where)
        if "name" not in module:
            self.problem(where, "missing 'name'")

        buildsystem = module.get("buildsystem", "autotools")
        if isinstance(buildsystem, str) and buildsystem not in BUILDSYSTEMS:
            self.problem(where, f"'buildsystem' is '{buildsystem}', not one of "
                         f"{', '.join(sorted(BUILDSYSTEMS))}")
        if buildsystem == "simple" and "build-commands" not in module:
            self.problem(where, "a 'simple' module needs 'build-commands'")

        sources = module.get("sources", [])
        if not isinstance(sources, list):
            self.problem(where, "'sources' must be a list")
            sources = []
        for i, source in enumerate(sources):
            self.check_source(source, f"{where} source {i}")

        if buildsystem == "meson":
            for source in sources:
                if isinstance(source, dict) and source.get("type") == "dir" \
                        and source.get("path") == "..":
                    found.append(module)
                    break

        submodules = module.get("modules", [])
        if not isinstance(submodules, list):
            self.problem(where, "'modules' must be a list")
            submodules = []
        for i, submodule in enumerate(submodules):
            self.check_module(submodule, f"{where} module {i}", found)

    # What the sources need

    def source_dir(self):
        return os.path.normpath(
            os.path.join(os.path.dirname(os.path.abspath(self.path)), ".."))

    def meson_dependencies(self, under="src"):
        names = set()
        top = os.path.join(self.source_dir(), under)
        for root, _dirs, files in os.walk(top):
            if "meson.build" not in files:
                continue
            with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
                names.update(re.findall(r"dependency\(\s*'([^']+)'", f.read()))
        return names

    def uses_dependency(self, name, under="src"):
        return name in self.meson_dependencies(under)

    def build_dirs(self):
        """The build directories ./dev makes in the source tree."""
        try:
            with open(os.path.join(self.source_dir(), "dev"), encoding="utf-8") as f:
                return set(re.findall(r"\b(_build[-A-Za-z0-9]*)\b", f.read()))
        except OSError:
            return set()

    def check_bundled_modules(self, modules, found):
        where = "modules"
        names = [m.get("name") for m in modules if isinstance(m, dict)]
        app_index = modules.index(found[0]) if found and found[0] in modules \
            else len(modules)
        for dependency in sorted(self.meson_dependencies()):
            module_name = RUNTIME_LACKS.get(dependency)
            if module_name is None:
                continue
            if module_name not in names:
                self.problem(where, f"the app needs '{dependency}', which the "
                             f"GNOME runtime lacks: add a '{module_name}' module")
            elif names.index(module_name) > app_index:
                self.problem(where, f"module '{module_name}' must come before "
                             "the app's module")
        for module in modules:
            if not isinstance(module, dict):
                continue
            required = MODULE_REQUIRED_OPTS.get(module.get("name"))
            if required is None:
                continue
            opts = module.get("config-opts", [])
            for opt in required:
                if opt not in opts:
                    self.problem(f"module '{module.get('name')}'",
                                 f"'config-opts' lacks {opt}")
            for source in module.get("sources", []):
                if isinstance(source, dict) and source.get("type") == "dir":
                    self.problem(f"module '{module.get('name')}'",
                                 "a bundled library is built from a released "
                                 "archive with its sha256, not a local folder")

    def check_app_module(self, found):
        where = "modules"
        if not found:
            self.problem(where, "no meson module with the source "
                         "{\"type\": \"dir\", \"path\": \"..\"}")
            return
        if len(found) > 1:
            self.problem(where, "more than one meson module builds '..'")
        module = found[0]
        where = f"module '{module.get('name')}'"

        source_dir = self.source_dir()
        if not os.path.isfile(os.path.join(source_dir, "meson.build")):
            self.problem(where, f"'..' ({source_dir}) has no meson.build")

        # The source folder is copied whole: leave out what ./dev builds there.
        for source in module.get("sources", []):
            if isinstance(source, dict) and source.get("type") == "dir":
                skip = set(source.get("skip", []))
                for name in sorted((self.build_dirs() | {".git", ".flatpak-builder"}) - skip):
                    self.problem(where, f"the 'dir' source copies '{name}' into "
                                 "the build: add it to 'skip'")

        profiles = []
        for opt in module.get("config-opts", []):
            if isinstance(opt, str) and opt.startswith("-Dprofile="):
                profiles.append(opt[len("-Dprofile="):])
        if not profiles:
            self.problem(where, "'config-opts' should set -Dprofile=")
        for profile in profiles:
            if profile not in PROFILES:
                self.problem(where, f"-Dprofile={profile} is not one of "
                             f"{', '.join(sorted(PROFILES))}")
            elif profile == "development" and not self.app_id.endswith(".Devel"):
                self.problem(where, "-Dprofile=development builds the .Devel "
                             "app id; this manifest is for the stable one")

    def run(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                manifest = json.load(f, object_pairs_hook=self.no_duplicates)
        except OSError as e:
            self.problem(self.path, f"cannot read: {e.strerror}")
            return
        except (ValueError, DuplicateKey) as e:
            self.problem(self.path, f"not valid JSON: {e}")
            return
        if not isinstance(manifest, dict):
            self.problem(self.path, "the manifest must be a JSON object")
            return

        self.check_top(manifest)
        self.check_finish_args(manifest)

        modules = manifest.get("modules")
        found = []
        if modules is not None:
            if not isinstance(modules, list) or not modules:
                self.problem("manifest", "'modules' must be a non-empty list")
            else:
                for i, module in enumerate(modules):
                    self.check_module(module, f"module {i}", found)
                self.check_bundled_modules(modules, found)
        self.check_app_module(found)

    @staticmethod
    def no_duplicates(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                raise DuplicateKey(f"duplicate key '{key}'")
            obj[key] = value
        return obj


class DuplicateKey(ValueError):
    pass


def main():
    parser = argparse.ArgumentParser(
        description="Check Custody's Flatpak manifest offline.")
    parser.add_argument("--app-id", default="io.github.custody.Custody",
                        help="the expected application id")
    parser.add_argument("--command", default="custody",
                        help="the expected command")
    parser.add_argument("manifest", help="the JSON manifest to check")
    args = parser.parse_args()

    checker = Checker(args.manifest, args.app_id, args.command)
    checker.run()
    name = os.path.basename(args.manifest)
    for problem in checker.problems:
        print(f"{name}: {problem}", file=sys.stderr)
    if checker.problems:
        print(f"{name}: {len(checker.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{name}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
