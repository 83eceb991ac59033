import { z } from "zod";

// zod's own messages in Chinese wherever a schema has none of ours:
// people read every answer, including a 400 from the API.
z.config(z.locales.zhCN());
