"""A check of SARIF logs against the SARIF 2.1.0 JSON schema's required and
allowed properties, for the objects cleantext writes."""

from __future__ import annotations

from typing import Any

#: From the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json): for each
#: object kind we write, its required properties and every property it allows
#: (the schema sets additionalProperties: false on all of them).
SCHEMA: dict[str, tuple[set[str], set[str]]] = {
    "log": (
        {"version", "runs"},
        {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    ),
    "run": (
        {"tool"},
        {"tool", "invocations", "results", "properties", "artifacts", "originalUriBaseIds"},
    ),
    "tool": ({"driver"}, {"driver", "extensions", "properties"}),
    "toolComponent": (
        {"name"},
        {"name", "version", "rules", "informationUri", "semanticVersion", "properties", "fullName"},
    ),
    "reportingDescriptor": (
        {"id"},
        {
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "helpUri",
            "properties",
            "defaultConfiguration",
        },
    ),
    "invocation": (
        {"executionSuccessful"},
        {"executionSuccessful", "exitCode", "toolExecutionNotifications", "properties"},
    ),
    "notification": ({"message"}, {"message", "level", "locations", "descriptor", "properties"}),
    "result": (
        {"message"},
        {"ruleId", "ruleIndex", "level", "kind", "message", "locations", "properties"},
    ),
    "message": (set(), {"text", "id", "markdown", "arguments", "properties"}),
    "location": (set(), {"physicalLocation", "message", "properties", "id"}),
    "physicalLocation": (set(), {"artifactLocation", "region", "properties"}),
    "artifactLocation": (set(), {"uri", "uriBaseId", "index", "properties"}),
    "region": (set(), {"startLine", "startColumn", "endLine", "endColumn", "properties"}),
}


def check(kind: str, obj: dict[str, Any]) -> None:
    required, allowed = SCHEMA[kind]
    assert isinstance(obj, dict), (kind, obj)
    assert required <= set(obj), f"{kind} lacks {required - set(obj)}"
    assert set(obj) <= allowed, f"{kind} has {set(obj) - allowed}"


def validate_sarif(doc: dict[str, Any]) -> None:
    check("log", doc)
    assert doc["version"] == "2.1.0"
    for run in doc["runs"]:
        check("run", run)
        check("tool", run["tool"])
        check("toolComponent", run["tool"]["driver"])
        rules = run["tool"]["driver"].get("rules", [])
        for rule in rules:
            check("reportingDescriptor", rule)
            check("message", rule["shortDescription"])
            assert "text" in rule["shortDescription"]
        for inv in run.get("invocations", []):
            check("invocation", inv)
            for note in inv.get("toolExecutionNotifications", []):
                check("notification", note)
                check("message", note["message"])
                assert note["level"] in ("none", "note", "warning", "error")
        for result in run.get("results", []):
            check("result", result)
            check("message", result["message"])
            assert "text" in result["message"] or "id" in result["message"]
            assert result["level"] in ("none", "note", "warning", "error")
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            for loc in result["locations"]:
                check("location", loc)
                check("physicalLocation", loc["physicalLocation"])
                check("artifactLocation", loc["physicalLocation"]["artifactLocation"])
                region = loc["physicalLocation"]["region"]
                check("region", region)
                assert region["startLine"] >= 1 and region["startColumn"] >= 1
                assert region.get("endLine", region["startLine"]) >= region["startLine"]
