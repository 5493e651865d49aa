import Crypto

/// SHA-256 helpers.
enum Digest {
    static func sha256Hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        text.unicodeScalars.reserveCapacity(64)
        for byte in bytes {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
