/**
 * Middleware in order, each deciding whether the rest runs.
 *
 * @example
 * const c = new Composer<Ctx>();
 * c.use(async (ctx, next) => { if (ctx.message.kind === "text") await next(); });
 * c.use(async (ctx) => ctx.reply("收到"));
 * await c.run(ctx);
 */
export type Next = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>;

export class Composer<C> {
  private readonly stack: Middleware<C>[] = [];

  use(...middleware: Middleware<C>[]): this {
    this.stack.push(...middleware);
    return this;
  }

  run(ctx: C): Promise<void> {
    const dispatch = async (i: number): Promise<void> => {
      const mw = this.stack[i];
      if (mw) await mw(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  }
}
