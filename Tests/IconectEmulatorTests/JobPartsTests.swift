import Foundation
@testable import IconectEmulator
import Testing

@Suite("Job, template and theme building blocks")
struct JobPartsTests {
    @Test("CSV lines: quotes, doubled quotes, empty values; an unclosed quote is refused")
    func csvValues() throws {
        #expect(try ImportFile.csvValues("a,b,c").get() == ["a", "b", "c"])
        #expect(try ImportFile.csvValues("\"x, y\",\"say \"\"hi\"\"\",").get() == ["x, y", "say \"hi\"", ""])
        #expect(try ImportFile.csvValues("").get() == [""])
        guard case .failure(let error) = ImportFile.csvValues("\"open,b") else { Issue.record("accepted an unclosed quote"); return }
        #expect(error.message.contains("not closed"))
    }

    @Test("an NDJSON file reads records, blank lines and bad lines; a CSV file needs its id column")
    func importLines() throws {
        let file = try ImportFile(text: "{\"documentId\":\"D1\",\"title\":\"a\"}\n\n[1]\n{\"title\":\"b\"}\n{\"fields\":{\"t\":1},\"documentId\":\"D2\"}\n",
                                  format: .ndjson, documentIdField: "documentId")
        #expect(file.lines.count == 5)
        guard case .record(let first) = file.read(0) else { Issue.record("line 1"); return }
        #expect(first["documentId"] == "D1")
        #expect(first["fields"] == ["title": "a"])
        guard case .blank = file.read(1) else { Issue.record("line 2 is blank"); return }
        guard case .invalid(let reason) = file.read(2) else { Issue.record("line 3"); return }
        #expect(reason == "not a JSON object")
        guard case .invalid = file.read(3) else { Issue.record("line 4 has no documentId"); return }
        guard case .record(let shaped) = file.read(4) else { Issue.record("line 5"); return }
        #expect(shaped["fields"] == ["t": 1])

        let csv = try ImportFile(text: "documentId,title\r\nD1,\"a, b\"\r\nD2\r\n", format: .csv, documentIdField: "documentId")
        #expect(csv.firstLineNumber == 2)
        guard case .record(let row) = csv.read(0) else { Issue.record("csv row 1"); return }
        #expect(row["fields"] == ["title": "a, b"])
        guard case .invalid(let short) = csv.read(1) else { Issue.record("csv row 2"); return }
        #expect(short.contains("1 values"))
        #expect(throws: JobFailure.self) { try ImportFile(text: "title\nx\n", format: .csv, documentIdField: "documentId") }
    }

    @Test("cron: fields, names, steps and macros; errors name the part; the next run honours the time zone")
    func cron() throws {
        let nightly = try CronSchedule("0 2 * * *")
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let start = Date(timeIntervalSince1970: 1_711_800_000)  // 2024-03-30T12:00:00Z
        // 02:00 in Paris on 31 March 2024 does not exist (clocks go forward): the next is 1 April, 02:00 CEST = 00:00Z.
        #expect(nightly.nextRun(after: start, in: paris)?.timeIntervalSince1970 == 1_711_929_600)
        let weekdays = try CronSchedule("*/15 9-17 * JAN-MAR MON-FRI")
        #expect(weekdays.minutes == [0, 15, 30, 45])
        #expect(weekdays.months == [1, 2, 3])
        #expect(weekdays.weekdays == [1, 2, 3, 4, 5])
        #expect(try CronSchedule("@weekly").weekdays == [0])
        #expect(try CronSchedule("0 0 * * 7").weekdays == [0])
        #expect(try CronSchedule("0 0 30 2 *").nextRun(after: start, in: paris) == nil)
        for (expression, fragment) in [("* * *", "5 fields"), ("61 * * * *", "minute '61'"), ("* 5-2 * * *", "runs backwards"),
                                       ("*/0 * * * *", "step"), ("* * * FOO *", "month 'FOO'")] {
            #expect(throws: CronSchedule.Invalid.self, "\(expression)") { try CronSchedule(expression) }
            do throws(CronSchedule.Invalid) {
                _ = try CronSchedule(expression)
            } catch {
                #expect(error.message.contains(fragment), "\(expression): \(error.message)")
            }
        }
    }

    @Test("template placeholders: found in order, substituted, dotted names, HTML escaping")
    func templateText() {
        let content: JSON = ["subject": "Hold {{matter}}", "body": "Dear {{ custodian.name }}, {{matter}} {{not a name}}"]
        #expect(TemplateText.variables(in: content).map(\.name) == ["custodian.name", "matter"])
        #expect(TemplateText.variables(in: content).last?.occurrences == 2)
        let values: [String: JSON] = ["custodian": ["name": "<Ann & Bo>"], "matter": 7]
        let text = TemplateText.substitute("Dear {{custodian.name}} ({{matter}}) {{missing}}") { name in
            TemplateText.lookup(name, in: values).map(TemplateText.text).map(TemplateText.escapeHTML)
        }
        #expect(text == "Dear &lt;Ann &amp; Bo&gt; (7) {{missing}}")
    }

    @Test("a theme's CSS and SCSS exports read back to the same definition, whatever its values")
    func stylesheetRoundTrip() {
        let theme: [String: JSON] = [
            "name": "Odd", "type": "custom", "description": "a; b \"quoted\"",
            "colors": ["primary": "#0055aa", "text": "rgb(0, 0, 0)", "background": "white"],
            "typography": ["fontFamily": "\"Inter\", sans-serif", "fontSize": 14, "weight": "700", "heading": ["size": 24]],
            "spacing": ["unit": 8, "flag": true, "none": .null], "borderRadius": ["md": "6px"], "shadows": ["card": "0 1px 3px rgba(0, 0, 0, 0.12)"],
        ]
        for syntax in [ThemeStylesheet.Syntax.css, .scss] {
            var parsed = ThemeStylesheet.parse(ThemeStylesheet.export(theme, as: syntax), as: syntax)
            parsed["name"] = "Odd"
            #expect(parsed == theme, "\(syntax)")
        }
        #expect(ThemeStylesheet.export(theme, as: .css).contains("--colors-primary: #0055aa;"))
        #expect(ThemeStylesheet.export(theme, as: .scss).contains("$typography-weight: \"700\";"))
    }

    @Test("theme rules name each offending key")
    func themeRules() {
        let problems = ThemeRules.problems(["name": "x", "type": "neon", "colors": ["primary": "#12", "text": "#000", "accent": 3]])
        let keys = Set(problems.map(\.key))
        #expect(keys == ["type", "colors.primary", "colors.background", "colors.accent"])
        #expect(ThemeRules.isColor("hsla(120, 50%, 50%, 0.3)"))
        #expect(ThemeRules.isColor("#ABCDEF80"))
        #expect(!ThemeRules.isColor("rgb(1, 2)"))
    }
}
