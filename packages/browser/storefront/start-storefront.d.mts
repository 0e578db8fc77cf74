import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const PRODUCTS: Record<string, { name: string; price: number; category: string }>;

export declare function startStorefront(options: {
  relay: (req: IncomingMessage, res: ServerResponse) => void;
  port?: number;
  tagData?: string;
}): Promise<{ url: string; close(): Promise<void> }>;
