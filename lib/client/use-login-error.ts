"use client";

import { type EventMessage, EventType, InteractionType } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useEffect, useState } from "react";

/** The last failed redirect's message, so a sign-in that came back with an error is not silent. */
export function useLoginError(): string | null {
  const { instance } = useMsal();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const callbackId = instance.addEventCallback((event: EventMessage) => {
      if (event.interactionType !== InteractionType.Redirect) return;
      if (event.eventType === EventType.LOGIN_SUCCESS) setMessage(null);
      if (event.eventType === EventType.ACQUIRE_TOKEN_FAILURE && event.error) {
        setMessage(event.error.message);
      }
    });
    return () => {
      if (callbackId) instance.removeEventCallback(callbackId);
    };
  }, [instance]);
  return message;
}
