import type { Command, Feature } from "../conversation/command.js";

/** `/help`: lists the commands, learner ones first, then instructor ones. */
export function helpFeature(listCommands: () => readonly Command[]): Feature {
  const line = (command: Command) =>
    `- /${command.name}${command.usage ? ` ${command.usage}` : ""}: ${command.summary}`;
  return {
    commands: [
      {
        name: "help",
        usage: "",
        summary: "show what I can do",
        async run() {
          const all = listCommands();
          const learner = all.filter((command) => !command.instructorOnly).map(line);
          const teaching = all.filter((command) => command.instructorOnly).map(line);
          const text = [
            "**Commands**",
            learner.join("\n"),
            ...(teaching.length ? ["**For instructors**", teaching.join("\n")] : []),
          ].join("\n\n");
          return [{ text }];
        },
      },
    ],
  };
}
