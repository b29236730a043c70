/**
 * Calls a workspaceAction outside a form. The chain reads `workspaceId` from the raw input (as a
 * form's hidden input supplies it), which the action's own schema does not declare.
 */
export function callWorkspaceAction<R>(action: (input: never) => Promise<R>, input: { workspaceId: string } & Record<string, unknown>): Promise<R> {
  return (action as unknown as (input: unknown) => Promise<R>)(input);
}
