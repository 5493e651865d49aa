/// A regular expression matched in linear time (a Thompson NFA run as a Pike VM), so no pattern can make a `$regex`
/// filter backtrack exponentially: matching costs at most pattern states × text length.
///
/// The syntax is the common subset: literals, `.`, classes (`[a-z]`, `[^,]`, `\d \w \s` and their negations), anchors
/// `^ $`, groups `( )` and `(?: )`, alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (a lazy `?` suffix is accepted and
/// means the same for a yes/no match), and a leading `(?i)` for case-insensitive matching. Backreferences and lookaround,
/// which no linear-time matcher can offer, are refused, as is a pattern longer than ``maximumPatternLength`` or one whose
/// program would exceed ``maximumProgramSize`` instructions.
struct LinearRegex: Sendable {
    static let maximumPatternLength = 512
    static let maximumProgramSize = 4_096
    static let maximumRepeat = 100

    struct SyntaxError: Error {
        let reason: String
    }

    fileprivate enum Matcher: Sendable {
        case scalar(UInt32)
        case any
        case set([ClosedRange<UInt32>], negated: Bool)

        func matches(_ value: UInt32, caseInsensitive: Bool) -> Bool {
            switch self {
            case .any: return value != 0x0A
            case .scalar(let expected):
                return value == expected || (caseInsensitive && LinearRegex.fold(value) == LinearRegex.fold(expected))
            case .set(let ranges, let negated):
                let folded = caseInsensitive ? [value, LinearRegex.fold(value), LinearRegex.upper(value)] : [value]
                let inside = folded.contains { scalar in ranges.contains { $0.contains(scalar) } }
                return inside != negated
            }
        }
    }

    fileprivate indirect enum Node {
        case empty
        case char(Matcher)
        case begin
        case end
        case concat([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    fileprivate enum Instruction: Sendable {
        case char(Matcher)
        case split(Int, Int)
        case jump(Int)
        case begin
        case end
        case match
    }

    private let program: [Instruction]
    private let caseInsensitive: Bool

    /// Compiles `pattern`; throws ``SyntaxError`` naming what is refused.
    init(_ pattern: String) throws(SyntaxError) {
        guard pattern.unicodeScalars.count <= Self.maximumPatternLength else {
            throw SyntaxError(reason: "the pattern is longer than \(Self.maximumPatternLength) characters")
        }
        var scalars = Array(pattern.unicodeScalars.map(\.value))
        caseInsensitive = scalars.starts(with: Array("(?i)".unicodeScalars.map(\.value)))
        if caseInsensitive { scalars.removeFirst(4) }
        var parser = Parser(scalars: scalars)
        let node = try parser.parseAll()
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the pattern matches anywhere in `text`.
    func firstMatch(in text: String) -> Bool {
        let input = Array(text.unicodeScalars.map(\.value))
        var current = ThreadList(size: program.count)
        var next = ThreadList(size: program.count)
        for position in 0...input.count {
            // Unanchored search: a new thread starts at every position.
            if add(0, at: position, count: input.count, to: &current) { return true }
            guard position < input.count else { break }
            next.clear()
            for pc in current.states {
                guard case .char(let matcher) = program[pc], matcher.matches(input[position], caseInsensitive: caseInsensitive)
                else { continue }
                if add(pc + 1, at: position + 1, count: input.count, to: &next) { return true }
            }
            swap(&current, &next)
            next.clear()
        }
        return false
    }

    /// Adds the thread at `start` and everything reachable from it without consuming input; true when it reaches `match`.
    private func add(_ start: Int, at position: Int, count: Int, to list: inout ThreadList) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .begin: if position == 0 { stack.append(pc + 1) }
            case .end: if position == count { stack.append(pc + 1) }
            case .char: list.states.append(pc)
            }
        }
        return false
    }

    fileprivate static func fold(_ value: UInt32) -> UInt32 {
        (0x41...0x5A).contains(value) ? value + 0x20 : value
    }

    fileprivate static func upper(_ value: UInt32) -> UInt32 {
        (0x61...0x7A).contains(value) ? value - 0x20 : value
    }
}

/// The states of one step, each once (a generation-stamped set, cleared in O(1)).
private struct ThreadList {
    var states: [Int] = []
    private var seen: [UInt32]
    private var generation: UInt32 = 1

    init(size: Int) { seen = [UInt32](repeating: 0, count: size) }

    mutating func insert(_ pc: Int) -> Bool {
        guard seen[pc] != generation else { return false }
        seen[pc] = generation
        return true
    }

    mutating func clear() {
        states.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            seen = [UInt32](repeating: 0, count: seen.count)
            generation = 1
        }
    }
}

private struct Parser {
    let scalars: [UInt32]
    var index = 0
    var depth = 0

    init(scalars: [UInt32]) { self.scalars = scalars }

    private var peek: UInt32? { index < scalars.count ? scalars[index] : nil }

    private static func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

    mutating func parseAll() throws(LinearRegex.SyntaxError) -> LinearRegex.Node {
        let node = try parseAlternation()
        guard index == scalars.count else { throw LinearRegex.SyntaxError(reason: "unbalanced ')'") }
        return node
    }

    private mutating func parseAlternation() throws(LinearRegex.SyntaxError) -> LinearRegex.Node {
        var branches = [try parseConcatenation()]
        while peek == Self.ascii("|") {
            index += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(LinearRegex.SyntaxError) -> LinearRegex.Node {
        var items: [LinearRegex.Node] = []
        while let next = peek, next != Self.ascii("|"), next != Self.ascii(")") {
            items.append(try parseQuantified())
        }
        return items.isEmpty ? .empty : (items.count == 1 ? items[0] : .concat(items))
    }

    private mutating func parseQuantified() throws(LinearRegex.SyntaxError) -> LinearRegex.Node {
        let atom = try parseAtom()
        guard let next = peek else { return atom }
        let bounds: (Int, Int?)
        switch next {
        case Self.ascii("*"): bounds = (0, nil); index += 1
        case Self.ascii("+"): bounds = (1, nil); index += 1
        case Self.ascii("?"): bounds = (0, 1); index += 1
        case Self.ascii("{"):
            guard let parsed = try parseBraces() else { return atom }
            bounds = parsed
        default: return atom
        }
        if peek == Self.ascii("?") { index += 1 }  // lazy: the same yes/no answer
        if let next = peek, [Self.ascii("*"), Self.ascii("+"), Self.ascii("{")].contains(next) {
            throw LinearRegex.SyntaxError(reason: "a quantifier follows another quantifier")
        }
        if case .begin = atom { throw LinearRegex.SyntaxError(reason: "an anchor cannot be repeated") }
        if case .end = atom { throw LinearRegex.SyntaxError(reason: "an anchor cannot be repeated") }
        return .repeated(atom, min: bounds.0, max: bounds.1)
    }

    /// `{n}`, `{n,}` or `{n,m}`; nil (a literal `{`) when the braces do not form a quantifier.
    private mutating func parseBraces() throws(LinearRegex.SyntaxError) -> (Int, Int?)? {
        let start = index
        index += 1
        func number() -> Int? {
            var value: Int?
            while let digit = peek, (0x30...0x39).contains(digit) {
                value = min((value ?? 0) * 10 + Int(digit - 0x30), 1_000_000)
                index += 1
            }
            return value
        }
        guard let low = number() else {
            index = start
            return nil
        }
        var high: Int? = low
        if peek == Self.ascii(",") {
            index += 1
            high = number()
        }
        guard peek == Self.ascii("}") else {
            index = start
            return nil
        }
        index += 1
        guard low <= LinearRegex.maximumRepeat, (high ?? low) <= LinearRegex.maximumRepeat, low <= (high ?? low) else {
            throw LinearRegex.SyntaxError(reason: "a repeat count must be from 0 to \(LinearRegex.maximumRepeat), in order")
        }
        return (low, high)
    }

    private mutating func parseAtom() throws(LinearRegex.SyntaxError) -> LinearRegex.Node {
        guard let scalar = peek else { throw LinearRegex.SyntaxError(reason: "the pattern ends early") }
        index += 1
        switch scalar {
        case Self.ascii("."): return .char(.any)
        case Self.ascii("^"): return .begin
        case Self.ascii("$"): return .end
        case Self.ascii("["): return .char(try parseClass())
        case Self.ascii("\\"): return .char(try parseEscape())
        case Self.ascii("*"), Self.ascii("+"), Self.ascii("?"):
            throw LinearRegex.SyntaxError(reason: "a quantifier has nothing to repeat")
        case Self.ascii("("):
            if peek == Self.ascii("?") {
                guard index + 1 < scalars.count, scalars[index + 1] == Self.ascii(":") else {
                    throw LinearRegex.SyntaxError(reason: "lookaround and inline options other than a leading (?i) are not supported")
                }
                index += 2
            }
            depth += 1
            guard depth <= 32 else { throw LinearRegex.SyntaxError(reason: "groups nest deeper than 32") }
            let inner = try parseAlternation()
            depth -= 1
            guard peek == Self.ascii(")") else { throw LinearRegex.SyntaxError(reason: "unbalanced '('") }
            index += 1
            return inner
        default:
            return .char(.scalar(scalar))
        }
    }

    private mutating func parseEscape() throws(LinearRegex.SyntaxError) -> LinearRegex.Matcher {
        guard let scalar = peek else { throw LinearRegex.SyntaxError(reason: "the pattern ends with a backslash") }
        index += 1
        let digits: [ClosedRange<UInt32>] = [0x30...0x39]
        let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        let space: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]
        switch scalar {
        case Self.ascii("d"): return .set(digits, negated: false)
        case Self.ascii("D"): return .set(digits, negated: true)
        case Self.ascii("w"): return .set(word, negated: false)
        case Self.ascii("W"): return .set(word, negated: true)
        case Self.ascii("s"): return .set(space, negated: false)
        case Self.ascii("S"): return .set(space, negated: true)
        case Self.ascii("n"): return .scalar(0x0A)
        case Self.ascii("t"): return .scalar(0x09)
        case Self.ascii("r"): return .scalar(0x0D)
        case 0x30...0x39, Self.ascii("k"):
            throw LinearRegex.SyntaxError(reason: "backreferences are not supported")
        case Self.ascii("b"), Self.ascii("B"), Self.ascii("A"), Self.ascii("z"), Self.ascii("Z"):
            throw LinearRegex.SyntaxError(reason: "\\\(Character(Unicode.Scalar(scalar) ?? "?")) is not supported")
        default:
            return .scalar(scalar)
        }
    }

    private mutating func parseClass() throws(LinearRegex.SyntaxError) -> LinearRegex.Matcher {
        var negated = false
        if peek == Self.ascii("^") {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let scalar = peek else { throw LinearRegex.SyntaxError(reason: "unbalanced '['") }
            if scalar == Self.ascii("]"), !first {
                index += 1
                break
            }
            first = false
            index += 1
            var low = scalar
            if scalar == Self.ascii("\\") {
                switch try parseEscape() {
                case .scalar(let value): low = value
                case .set(let inner, false):
                    ranges += inner
                    continue
                default: throw LinearRegex.SyntaxError(reason: "a negated class escape cannot stand inside [ ]")
                }
            }
            if peek == Self.ascii("-"), index + 1 < scalars.count, scalars[index + 1] != Self.ascii("]") {
                index += 1
                var high = scalars[index]
                index += 1
                if high == Self.ascii("\\") {
                    guard case .scalar(let value) = try parseEscape() else {
                        throw LinearRegex.SyntaxError(reason: "a class range must end with a character")
                    }
                    high = value
                }
                guard low <= high else { throw LinearRegex.SyntaxError(reason: "a class range is out of order") }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        return .set(ranges, negated: negated)
    }
}

private struct Compiler {
    var program: [LinearRegex.Instruction] = []

    mutating func emit(_ node: LinearRegex.Node) throws(LinearRegex.SyntaxError) {
        guard program.count < LinearRegex.maximumProgramSize else {
            throw LinearRegex.SyntaxError(reason: "the pattern compiles to more than \(LinearRegex.maximumProgramSize) instructions")
        }
        switch node {
        case .empty: break
        case .char(let matcher): program.append(.char(matcher))
        case .begin: program.append(.begin)
        case .end: program.append(.end)
        case .concat(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, ...
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repeated(let inner, let minimum, let maximum):
            for _ in 0..<minimum { try emit(inner) }
            if let maximum {
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, 0))
                    try emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, 0))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
