/// A person's level in one skill.
public struct SkillLevel: Codable, Sendable, Hashable {
    public var skillDbid: Int
    public var name: String
    public var level: Int

    public init(skillDbid: Int, name: String, level: Int) {
        self.skillDbid = skillDbid
        self.name = name
        self.level = level
    }
}
