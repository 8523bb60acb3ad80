import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, type ComponentProps, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { useErrorText, useT } from "~/utils/use-t";

interface ActionFailure {
  ok: false;
  fieldErrors?: Record<string, string>;
  formError?: string;
}

function isFailure(value: unknown): value is ActionFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * react-hook-form validates in the browser with the same zod schema the action uses; valid
 * forms are submitted by Remix. Without JavaScript the <Form> posts natively and the server's
 * messages show instead.
 */
export function useValidatedForm<Input extends FieldValues, Output>(schema: z.ZodType<Output, Input>, defaultValues?: DefaultValues<Input>) {
  const actionData = useActionData<unknown>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver<Input, unknown, Output>(schema),
    mode: "onTouched",
    defaultValues,
  });
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const errorText = useErrorText();

  // Move focus to the first field the server rejected, so keyboard and screen-reader users land on it.
  useEffect(() => {
    const first = failure?.fieldErrors ? Object.keys(failure.fieldErrors)[0] : undefined;
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus();
  }, [failure]);

  const errorFor = (name: string) => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    return errorText(clientError ?? failure?.fieldErrors?.[name]);
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? element, { method: "post" }))(event);
  };

  /**
   * register() plus the initial value as a plain attribute, so the server-rendered HTML is
   * already filled in (before hydration, and for browsers without JavaScript).
   */
  const field = (name: Path<Input>): FieldRegistration => {
    const initial = (defaultValues as Record<string, unknown> | undefined)?.[name];
    return { ...form.register(name), defaultValue: typeof initial === "string" ? initial : undefined };
  };

  return { form, field, formRef, onSubmit, errorFor, formError: failure?.formError };
}

export function ValidatedForm({
  children,
  formRef,
  onSubmit,
  formError,
  ...props
}: { formRef: React.RefObject<HTMLFormElement>; onSubmit: (event: React.FormEvent<HTMLFormElement>) => void; formError?: string } & Omit<
  ComponentProps<typeof Form>,
  "onSubmit"
>) {
  return (
    <Form method="post" noValidate ref={formRef} onSubmit={onSubmit} {...props}>
      {formError ? (
        <div className="alert alert-error" role="alert">
          {formError}
        </div>
      ) : null}
      {children}
    </Form>
  );
}

export type FieldRegistration = UseFormRegisterReturn & { defaultValue?: string };

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}

export function Field({ label, hint, error, required, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field-optional"> · {t("common.optional")}</span>}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  registration,
  required = true,
  ...inputProps
}: { label: string; hint?: ReactNode; error?: string; registration: FieldRegistration; required?: boolean } & Omit<
  ComponentProps<"input">,
  "name" | "id"
>) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required={required || undefined} {...inputProps} {...registration} />
      )}
    </Field>
  );
}

export function SelectField({
  label,
  hint,
  error,
  registration,
  required = true,
  children,
  ...selectProps
}: { label: string; hint?: ReactNode; error?: string; registration: FieldRegistration; required?: boolean; children: ReactNode } & Omit<
  ComponentProps<"select">,
  "name" | "id"
>) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required={required || undefined} {...selectProps} {...registration}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function SubmitButton({ children, className = "button button-primary", ...props }: ComponentProps<"button">) {
  const navigation = useNavigation();
  const t = useT();
  // Only the button that was pressed shows progress when a page has several forms.
  const busy =
    navigation.state === "submitting" && (props.value === undefined || navigation.formData?.get("intent") === props.value);
  return (
    <button type="submit" className={className} aria-disabled={busy || undefined} {...props}>
      {busy ? t("common.saving") : children}
    </button>
  );
}
