import Testing

@testable import Iconect

@Suite("Filter")
struct FilterTests {
    private func encoded(_ filter: Filter) throws -> String { try filter.queryItems().encoded }

    // MARK: Query-string form

    @Test func plainEqualityIsAScalarParameter() throws {
        let filter = Filter().where("status", .eq("active"))
        let items = try filter.queryItems()
        #expect(items.items == [QueryItems.Item(name: "filter.status", value: "active")])
        #expect(items.encoded == "filter.status=active")
        #expect(try encoded(Filter().where("status", equals: "active")) == "filter.status=active")
    }

    @Test func operatorsTravelInBracketsWithBracketsAndDollarEncoded() throws {
        let items = try Filter().where("docDate", .gte("2024-01-01")).queryItems()
        #expect(items.items.first?.name == "filter.docDate[$gte]")
        #expect(items.encoded == "filter.docDate%5B%24gte%5D=2024-01-01")
    }

    @Test(arguments: [
        (Filter.Condition.ne("x"), "%24ne", "x"), (.gt(5), "%24gt", "5"), (.gte(2.5), "%24gte", "2.5"), (.lt(-1), "%24lt", "-1"),
        (.lte("2024-12-31"), "%24lte", "2024-12-31"), (.regex("^A.*z$"), "%24regex", "%5EA.%2Az%24"),
        (.nin(["a", "b"]), "%24nin", "a%2Cb"), (.eq(["a", "b"]), "%24eq", "a%2Cb"),
    ])
    func everyOperatorHasItsBracketForm(condition: Filter.Condition, encodedOperator: String, encodedValue: String) throws {
        #expect(try encoded(Filter().where("f", condition)) == "filter.f%5B\(encodedOperator)%5D=\(encodedValue)")
    }

    @Test func inValuesAreCommaJoined() throws {
        let items = try Filter().where("custodian", .in(["Alvarez", "Chen", 7])).queryItems()
        #expect(items.items == [QueryItems.Item(name: "filter.custodian[$in]", value: "Alvarez,Chen,7")])
        #expect(items.encoded == "filter.custodian%5B%24in%5D=Alvarez%2CChen%2C7")
    }

    @Test func existsIsTrueOrFalse() throws {
        #expect(try encoded(Filter().where("reviewedBy", .exists(true))) == "filter.reviewedBy%5B%24exists%5D=true")
        #expect(try encoded(Filter().where("reviewedBy", .exists(false))) == "filter.reviewedBy%5B%24exists%5D=false")
    }

    @Test func numbersAndBooleansHaveNoNeedlessFraction() throws {
        #expect(try encoded(Filter().where("pages", .eq(12))) == "filter.pages=12")
        #expect(try encoded(Filter().where("responsive", .eq(true))) == "filter.responsive=true")
    }

    @Test func conditionsKeepTheirOrderAndRepeatOnOneField() throws {
        let filter = Filter().where("docDate", .gte("2024-01-01")).where("docDate", .lt("2025-01-01")).where("status", equals: "active")
        #expect(try filter.queryItems().items.map(\.name) == ["filter.docDate[$gte]", "filter.docDate[$lt]", "filter.status"])
    }

    @Test func customPrefix() throws {
        let items = try Filter().where("a", .eq("b")).where("c", .gt(1)).queryItems(prefix: "where")
        #expect(items.items.map(\.name) == ["where.a", "where.c[$gt]"])
    }

    @Test func fieldNamesAreEncoded() throws {
        #expect(try encoded(Filter().where("doc date/é", .eq("x"))) == "filter.doc%20date%2F%C3%A9=x")
    }

    @Test func objectOperandIsAValidationErrorNamingTheField() throws {
        let filter = Filter().where("status", equals: "active").where("metadata", .eq(["source": "scan"]))
        let error = try iconectError { _ = try filter.queryItems() }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["filter.metadata"])
        #expect(error.message.contains("filter.metadata"))
    }

    @Test func nullAndNestedOperandsAreValidationErrors() throws {
        let null = try iconectError { _ = try Filter().where("owner", .eq(nil)).queryItems() }
        #expect(null.fieldErrors["filter.owner"] != nil)
        let nested = try iconectError { _ = try Filter().where("tags", .in(["a", ["b": 1]])).queryItems(prefix: "f") }
        #expect(nested.code == .validation)
        #expect(nested.fieldErrors["f.tags"] != nil)
    }

    @Test func emptyFilter() throws {
        #expect(Filter().isEmpty)
        #expect(try Filter().queryItems().isEmpty)
        #expect(Filter().json == .object([:]))
        #expect(!Filter().where("a", .exists(true)).isEmpty)
    }

    // MARK: Reading MCP-style JSON

    @Test func fromJSONReadsScalarsAndOperatorObjects() throws {
        let filter = try Filter(json: [
            "status": "active",
            "docDate": ["$gte": "2024-01-01", "$lt": "2025-01-01"],
            "custodian": ["$in": ["Alvarez", "Chen"]],
            "pages": 3,
        ])
        let conditions = filter.conditions.map { "\($0.field) \($0.condition.operatorName) \($0.condition.operand)" }
        #expect(conditions == [
            #"custodian $in ["Alvarez","Chen"]"#, #"docDate $gte "2024-01-01""#, #"docDate $lt "2025-01-01""#, "pages $eq 3",
            #"status $eq "active""#,
        ])
        #expect(try filter.queryItems().encoded
            == "filter.custodian%5B%24in%5D=Alvarez%2CChen&filter.docDate%5B%24gte%5D=2024-01-01&filter.docDate%5B%24lt%5D=2025-01-01"
            + "&filter.pages=3&filter.status=active")
    }

    @Test func fromJSONOperandCoercions() throws {
        let filter = try Filter(json: ["a": ["$in": "solo"], "b": ["$exists": "false"], "c": ["$nin": [1, 2]], "d": ["$regex": "x+"]])
        #expect(filter.conditions.map(\.condition) == [.in(["solo"]), .exists(false), .nin([1, 2]), .regex("x+")])
    }

    @Test func fromJSONKeepsAnObjectWithoutOperatorsAsAnEquality() throws {
        let filter = try Filter(json: ["metadata": ["source": "scan"]])
        #expect(filter.conditions.map(\.condition) == [.eq(["source": "scan"])])
        // ... which has no query form, so it fails (naming the field) only when sent as a query.
        let error = try iconectError { _ = try filter.queryItems() }
        #expect(error.fieldErrors["filter.metadata"] != nil)
    }

    @Test(arguments: [
        JSONValue.object(["docDate": ["$like": "2024%"]]), ["docDate": ["$regex": 5]], ["docDate": ["$exists": "maybe"]],
        ["docDate": ["$exists": 1]], ["docDate": ["$gte": "2024", "$bogus": 1]],
    ])
    func badOperatorIsAValidationErrorNamingTheField(json: JSONValue) throws {
        let error = try iconectError { _ = try Filter(json: json) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["filter.docDate"])
        #expect(error.message.contains("$eq $ne $gt $gte $lt $lte $in $nin $regex $exists"))
    }

    @Test func theArgumentNameIsUsedInErrors() throws {
        let error = try iconectError { _ = try Filter(json: ["d": ["$nope": 1]], argument: "filters") }
        #expect(error.fieldErrors["filters.d"] != nil)
    }

    @Test(arguments: [JSONValue.string("status=active"), .array([["status": "active"]]), .null, .number(1)])
    func nonObjectJSONIsRejected(json: JSONValue) throws {
        let error = try iconectError { _ = try Filter(json: json) }
        #expect(error.code == .validation)
        #expect(error.fieldErrors["filter"] != nil)
    }

    @Test func emptyFieldNameIsRejected() throws {
        let error = try iconectError { _ = try Filter(json: ["": "x"]) }
        #expect(error.fieldErrors["filter"] != nil)
    }

    @Test func objectMixingOperatorsAndPlainKeysIsRejectedEveryTime() {
        // Whether `{"$gte": .., "k0": ..}` is read as operators depends on which key the dictionary yields first.
        var accepted = 0
        for extra in 1...60 {
            var members: [String: JSONValue] = ["$gte": "2024-01-01"]
            for index in 0..<(extra % 6 + 1) { members["k\(index)"] = .number(Double(index)) }
            if (try? Filter(json: ["date": .object(members)])) != nil { accepted += 1 }
        }
        #expect(accepted == 0, "a mixed object was accepted \(accepted) times out of 60")
    }

    // MARK: JSON-body form

    @Test func jsonMergesOperatorsOnOneField() {
        let filter = Filter()
            .where("docDate", .gte("2024-01-01"))
            .where("status", equals: "active")
            .where("docDate", .lte("2024-12-31"))
            .where("custodian", .in(["Alvarez", "Chen"]))
        #expect(filter.json == [
            "docDate": ["$gte": "2024-01-01", "$lte": "2024-12-31"],
            "status": "active",
            "custodian": ["$in": ["Alvarez", "Chen"]],
        ])
    }

    @Test func jsonKeepsEqualityAsOperatorWhenTheFieldHasOthers() {
        let filter = Filter().where("pages", .eq(3)).where("pages", .exists(true))
        #expect(filter.json == ["pages": ["$eq": 3, "$exists": true]])
        let reversed = Filter().where("pages", .exists(true)).where("pages", .eq(3))
        #expect(reversed.json == ["pages": ["$eq": 3, "$exists": true]])
    }

    @Test func jsonThenBackIsTheSameFilter() throws {
        let filter = Filter()
            .where("custodian", .in(["Alvarez", "Chen"]))
            .where("docDate", .gte("2024-01-01"))
            .where("docDate", .lt("2025-01-01"))
            .where("status", .eq("active"))
        #expect(try Filter(json: filter.json) == filter)
        #expect(try Filter(json: filter.json).hashValue == filter.hashValue)
    }

    @Test func equalityIsOrderSensitive() {
        let one = Filter().where("a", .eq(1)).where("b", .eq(2))
        let two = Filter().where("b", .eq(2)).where("a", .eq(1))
        #expect(one != two)
        #expect(one == Filter().where("a", .eq(1)).where("b", .eq(2)))
    }

    // MARK: Conditions

    @Test func operatorNamesAndOperandsRoundTrip() {
        let conditions: [Filter.Condition] = [
            .eq("a"), .ne(1), .gt(2), .gte(3), .lt(4), .lte(5), .in(["x"]), .nin(["y"]), .regex("^z"), .exists(true),
        ]
        #expect(conditions.map(\.operatorName) == ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex", "$exists"])
        for condition in conditions {
            #expect(Filter.Condition(operatorName: condition.operatorName, operand: condition.operand) == condition)
        }
        #expect(Filter.Condition(operatorName: "$where", operand: "1") == nil)
        #expect(Filter.Condition(operatorName: "gte", operand: "1") == nil, "the dollar is part of the name")
    }
}
