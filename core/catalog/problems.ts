/** A problem found in a course package: where it is and what to do about it. */
export interface PackageProblem {
  /** Path of the file, relative to the folder given to the importer's parent. */
  file: string;
  /** 1-based line, or undefined when the problem concerns the whole file. */
  line?: number;
  message: string;
}

/** Collects problems while a package is parsed, so that all of them are reported at once. */
export class ProblemList {
  readonly items: PackageProblem[] = [];

  /** Records a problem at `file:line`. */
  add(file: string, line: number | undefined, message: string): void {
    this.items.push({ file, line, message });
  }

  /** True when nothing is wrong. */
  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** Formats a problem as `file:line: message`, the form editors and terminals link to. */
export function formatProblem(problem: PackageProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}
