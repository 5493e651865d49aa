import Testing

@testable import Iconect

@Suite("PercentEncoding")
struct PercentEncodingTests {
    static let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

    @Test func unreservedCharactersStayAsTheyAre() {
        #expect(PercentEncoding.encode(Self.unreserved) == Self.unreserved)
        #expect(PercentEncoding.formEncode(Self.unreserved) == Self.unreserved)
    }

    @Test func pathDelimitersAreEncoded() {
        #expect(PercentEncoding.encode("a/b") == "a%2Fb")
        #expect(PercentEncoding.encode("a?b") == "a%3Fb")
        #expect(PercentEncoding.encode("a#b") == "a%23b")
        #expect(PercentEncoding.encode("100%") == "100%25")
        #expect(PercentEncoding.encode("a b") == "a%20b")
        #expect(PercentEncoding.encode("../etc/passwd") == "..%2Fetc%2Fpasswd")
        #expect(PercentEncoding.encode("a/b?c#d%e f") == "a%2Fb%3Fc%23d%25e%20f")
    }

    @Test func everyReservedAsciiCharacterIsEncodedWithUpperCaseHex() {
        for byte in UInt8(0)...UInt8(127) {
            let character = String(UnicodeScalar(byte))
            let encoded = PercentEncoding.encode(character)
            if Self.unreserved.utf8.contains(byte) {
                #expect(encoded == character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                #expect(encoded == "%" + (hex.count == 1 ? "0" + hex : hex), "byte \(byte)")
            }
        }
    }

    @Test func queryDelimitersAndOperatorsAreEncoded() {
        #expect(PercentEncoding.encode("a=b&c+d") == "a%3Db%26c%2Bd")
        #expect(PercentEncoding.encode("filter.docDate[$gte]") == "filter.docDate%5B%24gte%5D")
    }

    @Test(arguments: [
        ("é", "%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("😀", "%F0%9F%98%80"),
        ("Ünïcödé doc.pdf", "%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20doc.pdf"),
        ("e\u{301}", "e%CC%81"),
    ])
    func nonAsciiEncodesAsUTF8Escapes(text: String, encoded: String) {
        #expect(PercentEncoding.encode(text) == encoded)
        #expect(PercentEncoding.decode(encoded) == text)
    }

    @Test func decodedCombiningSequenceKeepsItsScalars() {
        // "é" precomposed and "e + U+0301" compare equal as Swift strings; the bytes must still differ on the wire.
        #expect(PercentEncoding.encode("\u{E9}") != PercentEncoding.encode("e\u{301}"))
        #expect(PercentEncoding.decode("e%CC%81").map { Array($0.unicodeScalars) } == ["e", "\u{301}"])
    }

    @Test func formEncodingTurnsSpaceIntoPlus() {
        #expect(PercentEncoding.formEncode("a b") == "a+b")
        #expect(PercentEncoding.formEncode("a+b") == "a%2Bb", "a literal plus must not read back as a space")
        #expect(PercentEncoding.formEncode("p@ss w0rd&x=1") == "p%40ss+w0rd%26x%3D1")
        #expect(PercentEncoding.decode("a+b%2Bc", plusAsSpace: true) == "a b+c")
    }

    @Test func plusIsLiteralUnlessAskedOtherwise() {
        #expect(PercentEncoding.decode("a+b") == "a+b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
    }

    @Test func decodeAcceptsLowerCaseHex() {
        #expect(PercentEncoding.decode("%c3%a9%2f") == "é/")
    }

    @Test(arguments: ["%", "%4", "abc%", "%G0", "%4G", "%%", "% 20", "%-1", "%C3", "%FF", "%C3%28", "%E6%97", "%ED%A0%80"])
    func malformedEscapesAreRejected(text: String) {
        #expect(PercentEncoding.decode(text) == nil)
    }

    @Test func emptyStrings() {
        #expect(PercentEncoding.encode("") == "")
        #expect(PercentEncoding.formEncode("") == "")
        #expect(PercentEncoding.decode("") == "")
    }

    @Test func encodeThenDecodeRoundTrips() {
        var generator = SeededGenerator(seed: 7)
        var samples = ["/?#% é", "a/b/c", "%2F", "+ +", "\u{0}\u{1F}\u{7F}", String(repeating: "日本😀", count: 50)]
        for _ in 0..<300 {
            let count = Int.random(in: 0...12, using: &generator)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<count {
                var value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                if (0xD800...0xDFFF).contains(value) { value = 0x41 }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            samples.append(String(scalars))
        }
        for sample in samples {
            let encoded = PercentEncoding.encode(sample)
            #expect(encoded.utf8.allSatisfy { Self.unreserved.utf8.contains($0) || $0 == UInt8(ascii: "%") })
            #expect(PercentEncoding.decode(encoded) == sample)
            #expect(PercentEncoding.decode(PercentEncoding.formEncode(sample), plusAsSpace: true) == sample)
        }
    }

    @Test func formBodyEncodesNamesAndValues() {
        let body = FormEncoding.encode([
            ("grant_type", "password"), ("username", "ana maría"), ("password", "p&ss=w+rd"), ("scope", "iconect_api offline"),
        ])
        #expect(body == "grant_type=password&username=ana+mar%C3%ADa&password=p%26ss%3Dw%2Brd&scope=iconect_api+offline")
        #expect(FormEncoding.encode([]) == "")
        #expect(FormEncoding.encode([("a b", "")]) == "a+b=")
    }
}
