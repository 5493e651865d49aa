/// Glob matching where `*` matches any run of characters (including `/`) and everything else matches itself.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        var pi = 0, ti = 0
        var starIndex = -1, starText = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "*") {
                starIndex = pi
                starText = ti
                pi += 1
            } else if pi < p.count, p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if starIndex >= 0 {
                pi = starIndex + 1
                starText += 1
                ti = starText
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
