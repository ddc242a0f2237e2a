// What a run set up, undone once in reverse order: at its end, on failure, or when interrupted.

type Step = () => void | Promise<void>;

export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  /** Registers an undo step; one arriving after the teardown began (a start racing an interrupt) runs at once. */
  async add(step: Step): Promise<void> {
    if (!this.running) {
      this.steps.push(step);
      return;
    }
    await step();
    throw new Error("Interrupted while setting up.");
  }

  /** Runs every step, each even if an earlier one failed; later calls wait for the first. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (error) {
          console.error(`Teardown step failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}
