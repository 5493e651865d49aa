import Iconect
@testable import IconectCLI
import Testing

/// The `--filter` syntax of `iconect search`, mapped to the SDK's operators.
struct FilterExpressionTests {
    @Test(arguments: [
        ("docDate>=2024-01-01", "docDate", Filter.Condition.gte("2024-01-01")),
        ("docDate <= 2024-12-31", "docDate", .lte("2024-12-31")),
        ("pageCount>5", "pageCount", .gt("5")),
        ("pageCount<5", "pageCount", .lt("5")),
        ("status=active", "status", .eq("active")),
        ("status==active", "status", .eq("active")),
        ("status!=deleted", "status", .ne("deleted")),
        ("title=Board meeting minutes", "title", .eq("Board meeting minutes")),
        ("title=\"a=b\"", "title", .eq("a=b")),
        ("title=\">x\"", "title", .eq(">x")),
        ("note=", "note", .eq("")),
        ("custodian in Alvarez,Chen", "custodian", .in(["Alvarez", "Chen"])),
        ("custodian in Alice Chen, Bob Martinez", "custodian", .in(["Alice Chen", "Bob Martinez"])),
        ("custodian not in Alvarez", "custodian", .nin(["Alvarez"])),
        ("subject~^Re: .*budget", "subject", .regex("^Re: .*budget")),
        ("assignedTo exists", "assignedTo", .exists(true)),
        ("assignedTo not exists", "assignedTo", .exists(false)),
        ("fields.docType=memo", "fields.docType", .eq("memo")),
    ])
    func parses(_ text: String, field: String, condition: Filter.Condition) throws {
        let expression = try FilterExpression(text)
        #expect(expression.field == field)
        #expect(expression.condition == condition)
    }

    @Test(arguments: ["docDate=>2024", "docDate=<2024", "docDate", "=active", ">=5", "custodian in", "title~", "doc date=1", ""])
    func refuses(_ text: String) throws {
        let error = try #require(throws: IconectError.self) { try FilterExpression(text) }
        #expect(error.code == .validation)
        #expect(error.fieldErrors["--filter"] != nil)
        #expect(error.message.contains("\"\(text)\""))
    }
}
